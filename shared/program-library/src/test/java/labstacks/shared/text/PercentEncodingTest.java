package labstacks.shared.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PercentEncodingTest {

    @Test
    void unreservedCharactersStayAndEverythingElseIsEncoded() {
        assertEquals("AZaz09-._~", PercentEncoding.component("AZaz09-._~"));
        assertEquals(
                "p%40ss%3Aw%2Frd%20%25x%23%3F%2B%2A",
                PercentEncoding.component("p@ss:w/rd %x#?+*"));
        // UTF-8 bytes, upper-case hex.
        assertEquals("%C3%A9%E2%82%AC", PercentEncoding.component("é€"));
    }

    @Test
    void aPasswordSurvivesAUrlRoundTrip() {
        var password = "it's a \\ $dollar \"pw\" @:/?#[]%~ é";
        var url =
                URI.create(
                        "amqp://"
                                + PercentEncoding.userInfo("rabbit", password)
                                + "@rabbitmq:5672/");
        assertEquals("rabbitmq", url.getHost());
        assertEquals("rabbit:" + password, url.getUserInfo());
        var raw = url.getRawUserInfo();
        assertEquals(
                password,
                URLDecoder.decode(
                        raw.substring(raw.indexOf(':') + 1).replace("+", "%2B"),
                        StandardCharsets.UTF_8));
    }
}
