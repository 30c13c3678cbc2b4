package labstacks.offline.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plan text against recorded {@code pulumi preview} output of the same shape.
 *
 * <p>Recorded preview (a new stack importing four existing resources), as the CLI printed it, quoted in a
 * published walk-through of importing Azure DNS resources with Pulumi (E. Borzenin; its source repository
 * was not identified, so this copy is the reference):
 * <pre>
 *      Type                         Name            Plan
 *  +   pulumi:pulumi:Stack          dns-zone-prod   create
 *  =   ├─ azure:core:ResourceGroup  rg              import
 *  =   ├─ azure:dns:Zone            iac-com         import
 *  =   ├─ azure:dns:CNameRecord     iac-lab-portal  import
 *  =   └─ azure:dns:NsRecord        ns              import
 *
 * Resources:
 *     + 1 to create
 *     = 4 to import
 *     5 changes
 * </pre>
 * The same column layout (a leading space, the symbol padded to four, tree guides, columns padded to the
 * widest plus two, an Info column) is in pulumi/pulumi's own recorded display test data,
 * pkg/backend/display/testdata/not-truncated/template-body.json.interactive-200x80-plain.txt (commit
 * 15f7e02801fecc5cd1ab206a191aec04b7ed4589), and the single-kind summary ({@code + 5 to create} with no
 * total) in pulumi/examples gcp-py-webserver/README.md. Trailing spaces are left out of the comparison:
 * the CLI pads the last column, which a terminal does not show.
 */
class PlanPrinterPreviewTest {

    private static final String STACK_URN =
            "urn:pulumi:prod::dns-zone::pulumi:pulumi:Stack::dns-zone-prod";

    private static PlannedResource resource(
            String type, String name, String parent, String importId) {
        var urn = parent == null ? STACK_URN : "urn:pulumi:prod::dns-zone::" + type + "::" + name;
        return new PlannedResource(
                urn,
                type,
                name,
                parent != null,
                parent,
                null,
                null,
                null,
                name,
                Map.of(),
                Map.of(),
                false,
                importId,
                List.of(),
                List.of(),
                false,
                false,
                List.of(),
                List.of(),
                Map.of(),
                "",
                "");
    }

    private static String table(String rendered) {
        // From the column header to the end of the Resources block.
        var start = rendered.indexOf("     Type");
        var end = rendered.indexOf("\n\n", rendered.indexOf("Resources:"));
        var text = rendered.substring(start, end < 0 ? rendered.length() : end + 1);
        return String.join("\n", text.lines().map(String::stripTrailing).toList()) + "\n";
    }

    @Test
    void aStackThatImportsPrintsAsTheRecordedPreview() {
        var resources = new ArrayList<PlannedResource>();
        resources.add(resource("pulumi:pulumi:Stack", "dns-zone-prod", null, null));
        resources.add(
                resource(
                        "azure:core:ResourceGroup",
                        "rg",
                        STACK_URN,
                        "/subscriptions/s/resourceGroups/rg"));
        resources.add(resource("azure:dns:Zone", "iac-com", STACK_URN, "zone-id"));
        resources.add(resource("azure:dns:CNameRecord", "iac-lab-portal", STACK_URN, "cname-id"));
        resources.add(resource("azure:dns:NsRecord", "ns", STACK_URN, "ns-id"));
        var plan =
                new Plan(
                        "dns-zone",
                        "prod",
                        "dns",
                        resources,
                        Map.of(),
                        List.of(),
                        List.of(),
                        List.of());

        var rendered = PlanPrinter.render(plan, true);
        assertEquals(
                """
                     Type                         Name            Plan       Info
                 +   pulumi:pulumi:Stack          dns-zone-prod   create
                 =   ├─ azure:core:ResourceGroup  rg              import     [import id=/subscriptions/s/resourceGroups/rg]
                 =   ├─ azure:dns:Zone            iac-com         import     [import id=zone-id]
                 =   ├─ azure:dns:CNameRecord     iac-lab-portal  import     [import id=cname-id]
                 =   └─ azure:dns:NsRecord        ns              import     [import id=ns-id]

                Resources:
                    + 1 to create
                    = 4 to import
                    5 changes
                """,
                table(rendered));
    }

    @Test
    void onlyCreatesGiveOneSummaryLineAndExplicitProvidersCount() {
        var provider =
                new PlannedResource(
                        "urn:pulumi:dev::web::pulumi:providers:gcp::gcp",
                        "pulumi:providers:gcp",
                        "gcp",
                        true,
                        STACK_URN,
                        null,
                        null,
                        null,
                        "id",
                        Map.of(),
                        Map.of(),
                        false,
                        null,
                        List.of(),
                        List.of(),
                        false,
                        false,
                        List.of(),
                        List.of(),
                        Map.of(),
                        "",
                        "");
        var plan =
                new Plan(
                        "web",
                        "dev",
                        "web",
                        List.of(
                                resource("pulumi:pulumi:Stack", "web-dev", null, null),
                                resource("gcp:compute:Address", "address", STACK_URN, null),
                                provider),
                        Map.of(),
                        List.of(),
                        List.of(),
                        List.of());
        var text = table(PlanPrinter.render(plan, true));
        assertTrue(text.contains(" +   └─ pulumi:providers:gcp  gcp      create\n"), text);
        assertTrue(text.endsWith("Resources:\n    + 3 to create\n"), text);
    }
}
