package labstacks.shared.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import labstacks.shared.aws.PolicyDocument.Statement;
import org.junit.jupiter.api.Test;

class PolicyDocumentTest {

    @Test
    void rendersStatementsAsJsonWithSingleValuesUnwrapped() {
        var json =
                PolicyDocument.of(
                                Statement.allow("s3:GetObject")
                                        .resources("arn:aws:s3:::b/*")
                                        .build(),
                                Statement.deny("s3:*")
                                        .sid("DenyInsecureTransport")
                                        .principal("AWS", "*")
                                        .resources("arn:aws:s3:::b", "arn:aws:s3:::b/*")
                                        .condition("Bool", "aws:SecureTransport", "false")
                                        .build())
                        .toJson();
        assertEquals(
                "{\"Version\":\"2012-10-17\",\"Statement\":["
                        + "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"},"
                        + "{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:*\","
                        + "\"Resource\":[\"arn:aws:s3:::b\",\"arn:aws:s3:::b/*\"],"
                        + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}",
                json);
    }

    @Test
    void namesWithQuotesStayInsideTheirString() {
        var json =
                PolicyDocument.of(
                                Statement.allow("s3:GetObject")
                                        .resources("arn:aws:s3:::a\"b/*")
                                        .build())
                        .toJson();
        var resource =
                JsonParser.parseString(json)
                        .getAsJsonObject()
                        .getAsJsonArray("Statement")
                        .get(0)
                        .getAsJsonObject()
                        .get("Resource")
                        .getAsString();
        assertEquals("arn:aws:s3:::a\"b/*", resource);
    }

    @Test
    void theSameStatementsAlwaysGiveTheSameBytes() {
        var a =
                PolicyDocument.of(
                        Statement.allow("sts:AssumeRole")
                                .principal(
                                        "Service",
                                        List.of("ec2.amazonaws.com", "lambda.amazonaws.com"))
                                .condition("StringEquals", "b", "1")
                                .condition("StringEquals", "a", "2")
                                .build());
        var b =
                PolicyDocument.of(
                        Statement.allow("sts:AssumeRole")
                                .condition("StringEquals", "a", "2")
                                .condition("StringEquals", "b", "1")
                                .principal(
                                        "Service",
                                        List.of("ec2.amazonaws.com", "lambda.amazonaws.com"))
                                .build());
        assertEquals(a.toJson(), b.toJson());
    }

    @Test
    void aStatementWithoutActionsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Statement.allow().build());
    }

    @Test
    void aDocumentReadsBackAsTheStatementsItWasBuiltFrom() {
        var built =
                PolicyDocument.of(
                        Statement.deny("s3:*")
                                .sid("DenyInsecureTransport")
                                .principal("AWS", "*")
                                .resources("arn:aws:s3:::b", "arn:aws:s3:::b/*")
                                .condition("Bool", "aws:SecureTransport", "false")
                                .build(),
                        Statement.allow("s3:GetObject", "s3:GetObjectVersion")
                                .resources("arn:aws:s3:::b/*")
                                .build());
        var read = PolicyDocument.parse(built.toJson());
        assertEquals(built.statements(), read.statements());
        assertEquals(built.toJson(), read.toJson());
    }

    @Test
    void theShortFormsAwsAcceptsReadAsLists() {
        // One statement as an object, Action and Resource as strings, Principal "*".
        var read =
                PolicyDocument.parse(
                        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                                + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}");
        var statement = read.statements().get(0);
        assertEquals(List.of("s3:GetObject"), statement.actions());
        assertEquals(List.of("arn:aws:s3:::b/*"), statement.resources());
        assertEquals(Map.of("AWS", "*"), statement.principal());
    }

    @Test
    void whatIsNotAPolicyDocumentIsRefused() {
        for (var text :
                List.of(
                        "[unknown",
                        "{}",
                        "{\"Statement\":[{\"Action\":\"s3:*\"}]}",
                        "{\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}]}")) {
            assertThrows(IllegalArgumentException.class, () -> PolicyDocument.parse(text), text);
        }
    }
}
