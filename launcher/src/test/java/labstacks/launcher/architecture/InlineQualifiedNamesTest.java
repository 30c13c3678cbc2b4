package labstacks.launcher.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Hand-written Java names a type by an import, not inline ({@code com.pulumi.core.Output.of(...)} in the middle
 * of a method hides a dependency from the file's imports). The formatter sorts imports but cannot see this, so
 * this test scans the sources. A qualified name stays where its simple name is taken in that file (imported from
 * another package, or declared there), as two providers' {@code ProviderArgs} are. The generated SDK subsets
 * ({@code sdks/github}, {@code sdks/seqera}) are exempt: their generator writes them.
 */
class InlineQualifiedNamesTest {

    /** A dotted lower-case package path followed by a type name: {@code java.util.List}, {@code labstacks.x.Y}. */
    private static final Pattern QUALIFIED =
            Pattern.compile("(?<![\\w.])((?:[a-z][a-z0-9_]*\\.){2,})([A-Z][A-Za-z0-9_]*)");

    private static final Pattern IMPORT =
            Pattern.compile("(?m)^import\\s+([\\w.]+)\\.([A-Z]\\w*)\\s*;");
    private static final Pattern DECLARED =
            Pattern.compile("\\b(?:class|interface|record|enum)\\s+([A-Z]\\w*)");

    @Test
    void noHandWrittenSourceNamesATypeByItsFullyQualifiedName() throws IOException {
        var root = Path.of("..").toAbsolutePath().normalize();
        var found = new ArrayList<String>();
        for (var file : javaSources(root)) {
            var whole = codeOnly(Files.readString(file));
            var taken = takenNames(whole);
            var code = whole.split("\n", -1);
            for (int i = 0; i < code.length; i++) {
                var line = code[i].strip();
                if (line.startsWith("package ") || line.startsWith("import ")) {
                    continue;
                }
                var matcher = QUALIFIED.matcher(code[i]);
                while (matcher.find()) {
                    var owner = taken.get(matcher.group(2));
                    var qualified = matcher.group(1) + matcher.group(2);
                    if (owner == null || owner.equals(qualified)) {
                        found.add(root.relativize(file) + ":" + (i + 1) + ": " + qualified);
                    }
                }
            }
        }
        assertEquals(List.of(), found, "import these types instead of naming them inline");
    }

    @Test
    void theScanSeesAQualifiedNameInCodeButNotInCommentsOrStrings() {
        var source =
                """
                import java.util.List;
                class A {
                    // java.util.Map in a comment
                    /** {@link java.util.Set} in Javadoc */
                    String s = "java.util.Optional in a string";
                    Object o = java.util.Map.of();
                }
                """;
        var code = codeOnly(source);
        var matcher = QUALIFIED.matcher(code);
        var hits = new ArrayList<String>();
        while (matcher.find()) {
            hits.add(matcher.group());
        }
        assertEquals(
                List.of("java.util.List", "java.util.Map"),
                hits,
                "the import line is skipped by the caller, the comment, Javadoc and string are blanked");
        assertTrue(
                code.split("\n", -1).length == source.split("\n", -1).length,
                "line numbers are kept");
    }

    @Test
    void aNameTakenByAnotherImportOrDeclarationMayStayQualified() {
        var taken =
                takenNames(
                        codeOnly(
                                """
                import com.pulumi.aws.ProviderArgs;
                final class OneOffJob {
                }
                """));
        assertEquals("com.pulumi.aws.ProviderArgs", taken.get("ProviderArgs"));
        assertEquals("", taken.get("OneOffJob"), "declared here");
    }

    /** Simple names this file already gives a meaning: imported (to the imported name) or declared (to ""). */
    private static Map<String, String> takenNames(String code) {
        var taken = new HashMap<String, String>();
        var imports = IMPORT.matcher(code);
        while (imports.find()) {
            taken.put(imports.group(2), imports.group(1) + "." + imports.group(2));
        }
        var declared = DECLARED.matcher(code);
        while (declared.find()) {
            taken.putIfAbsent(declared.group(1), "");
        }
        return taken;
    }

    private static List<Path> javaSources(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(
                            p -> {
                                var relative = root.relativize(p).toString().replace('\\', '/');
                                return (relative.contains("/src/main/java/")
                                                || relative.contains("/src/test/java/"))
                                        && !relative.startsWith("sdks/github/")
                                        && !relative.startsWith("sdks/seqera/")
                                        && !relative.contains("/target/")
                                        && !relative.contains("/node_modules/");
                            })
                    .sorted()
                    .toList();
        }
    }

    /** The source with comments, string and character literals and text blocks blanked, newlines kept. */
    static String codeOnly(String source) {
        var out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(source, i, end, out);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                blank(source, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                int end = Math.min(n, j + 1);
                blank(source, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String source, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(source.charAt(k) == '\n' ? '\n' : ' ');
        }
    }
}
