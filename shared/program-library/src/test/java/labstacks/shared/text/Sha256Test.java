package labstacks.shared.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void matchesTheKnownDigests() {
        // FIPS 180-2 test vector "abc", and the digest of the empty string.
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Sha256.hex("abc"));
        assertEquals(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.hex(""));
    }

    @Test
    void aPrefixIsTheStartOfTheWholeDigest() {
        assertEquals("ba7816b", Sha256.prefix("abc", 7));
        assertEquals("ba7816bf", Sha256.prefix("abc", 8));
        assertEquals(Sha256.hex("abc"), Sha256.prefix("abc", 64));
        assertThrows(IllegalArgumentException.class, () -> Sha256.prefix("abc", 0));
    }
}
