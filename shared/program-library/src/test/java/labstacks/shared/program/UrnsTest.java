package labstacks.shared.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UrnsTest {

    @Test
    void theEngineFormLeavesTheRootStackOutOfTheTypeChain() {
        // pulumi/pulumi sdk/go/common/resource/urn.go NewURN: a root-stack parent adds no type.
        assertEquals(
                "urn:pulumi:s::p::my:mod:Comp$aws:iam/user:User::u",
                Urns.engineForm(
                        "urn:pulumi:s::p::pulumi:pulumi:Stack$my:mod:Comp$aws:iam/user:User::u"));
        assertEquals(
                "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s",
                Urns.engineForm("urn:pulumi:s::p::pulumi:pulumi:Stack::p-s"));
        assertEquals(
                "urn:pulumi:s::p::aws:iam/user:User::u",
                Urns.create(
                        "s",
                        "p",
                        "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s",
                        "aws:iam/user:User",
                        "u"));
        assertEquals(
                "urn:pulumi:s::p::my:mod:Comp$aws:iam/user:User::a::b",
                Urns.create(
                        "s", "p", "urn:pulumi:s::p::my:mod:Comp::c", "aws:iam/user:User", "a::b"));
        assertEquals("a::b", Urns.parse("urn:pulumi:s::p::aws:iam/user:User::a::b").name());
        assertThrows(IllegalArgumentException.class, () -> Urns.parse("arn:aws:iam::1:user/u"));
    }

    @Test
    void aUrnNeedsAStackAProjectAndATypeButItsNameMayBeEmpty() {
        assertEquals(new Urns.Parts("s", "p", "t:m:T", ""), Urns.parse("urn:pulumi:s::p::t:m:T::"));
        assertEquals(
                new Urns.Parts("s", "p", "t:m:T", ":n"), Urns.parse("urn:pulumi:s::p::t:m:T:::n"));
        for (var broken :
                new String[] {
                    "urn:pulumi:s::p::t:m:T",
                    "urn:pulumi:::p::t::n",
                    "urn:pulumi:s::::t::n",
                    "urn:pulumi:s::p::::n",
                    "urn:pulumi:",
                    "urn:pulumi:s"
                }) {
            assertThrows(IllegalArgumentException.class, () -> Urns.parse(broken), broken);
        }
    }
}
