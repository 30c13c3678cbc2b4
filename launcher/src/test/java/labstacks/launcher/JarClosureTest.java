package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shaded jar keeps only some packages of the AWS provider SDK (the filter in the root pom.xml): a class
 * that refers to an AWS class the filter left out would fail with NoClassDefFoundError in {@code pulumi up},
 * not in a build. This reads every class file in the jar (its constant pool: class entries, descriptors and
 * generic signatures, JVMS 4.4) and fails, naming the package to add, when one refers to an AWS class that
 * is not there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JarClosureTest {

    private static final String AWS = "com/pulumi/aws/";
    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([\\w/$]+)[;<]");

    /** Class name (internal form) to the AWS classes it refers to. */
    private final Map<String, Set<String>> awsReferences = new TreeMap<>();

    private final Set<String> classes = new HashSet<>();

    private final Set<String> resources = new HashSet<>();

    @BeforeAll
    void readJar() throws IOException {
        var jar = Path.of(System.getProperty("labstacks.jar", "target/labstacks.jar"));
        if (!Files.isRegularFile(jar)) {
            fail(
                    jar.toAbsolutePath()
                            + " is missing: mvn -B verify builds it before this module runs");
        }
        try (var zip = new ZipFile(jar.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                var entry = entries.nextElement();
                var name = entry.getName();
                resources.add(name);
                if (!name.endsWith(".class") || name.startsWith("META-INF/")) {
                    continue;
                }
                var className = name.substring(0, name.length() - ".class".length());
                classes.add(className);
                try (var in = zip.getInputStream(entry)) {
                    var bytes = in.readAllBytes();
                    // A class that names no AWS class has no "com/pulumi/aws/" in its constant
                    // pool.
                    if (!new String(bytes, StandardCharsets.ISO_8859_1).contains(AWS)) {
                        continue;
                    }
                    var aws = new TreeSet<String>();
                    for (var reference : references(new ByteArrayInputStream(bytes), name)) {
                        if (reference.startsWith(AWS)) {
                            aws.add(reference);
                        }
                    }
                    if (!aws.isEmpty()) {
                        awsReferences.put(className, aws);
                    }
                }
            }
        }
    }

    @Test
    void everyAwsClassAClassInTheJarRefersToIsInTheJar() {
        var missingByPackage = new TreeMap<String, String>();
        awsReferences.forEach(
                (from, references) -> {
                    for (var reference : references) {
                        if (!classes.contains(reference)) {
                            var service = reference.substring(AWS.length()).split("/")[0];
                            missingByPackage.putIfAbsent(
                                    service, reference + " (referred to by " + from + ")");
                        }
                    }
                });
        assertTrue(
                missingByPackage.isEmpty(),
                () ->
                        "the jar refers to AWS classes the shade filter left out; add"
                                + " <include>com/pulumi/aws/<package>/**</include> to the com.pulumi:aws"
                                + " filter of maven-shade-plugin in the root pom.xml for each: "
                                + missingByPackage);
    }

    /** The check above reads what it should: the programs' S3 and IAM resources, and no unused service. */
    @Test
    void theScanSeesTheProgramsAwsResourcesAndTheFilterLeavesTheRestOut() {
        var fromPrograms = new TreeSet<String>();
        awsReferences.forEach(
                (from, references) -> {
                    if (from.startsWith("labstacks/")) {
                        fromPrograms.addAll(references);
                    }
                });
        assertTrue(
                fromPrograms.contains("com/pulumi/aws/s3/BucketPublicAccessBlock"),
                fromPrograms::toString);
        assertTrue(fromPrograms.contains("com/pulumi/aws/iam/Policy"), fromPrograms::toString);
        assertTrue(classes.contains("com/pulumi/aws/Provider"));
        // Not classes, but read at run time: the Java language host finds the provider plugin by
        // com/pulumi/aws/plugin.json (pulumi-java executor_jar.go), and Utilities reads version.txt
        // when it loads.
        assertTrue(resources.contains("com/pulumi/aws/plugin.json"), "plugin.json in the jar");
        assertTrue(resources.contains("com/pulumi/aws/version.txt"), "version.txt in the jar");
        // ec2 is the provider SDK's largest package after lex and wafv2; none of the programs uses
        // it.
        assertFalse(classes.stream().anyMatch(name -> name.startsWith(AWS + "ec2/")));
    }

    /** Every class a class file names: class constants and the types inside descriptors and signatures. */
    private static Set<String> references(InputStream stream, String file) throws IOException {
        var in = new DataInputStream(stream);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException(file + " is not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        var utf8 = new String[count];
        var classIndexes = new HashSet<Integer>();
        for (int index = 1; index < count; index++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[index] = in.readUTF();
                case 7 -> classIndexes.add(in.readUnsignedShort());
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    index++; // a long or double takes two slots (JVMS 4.4.5)
                }
                default -> throw new IOException(file + ": constant pool tag " + tag);
            }
        }
        var references = new HashSet<String>();
        for (var index : classIndexes) {
            var name = utf8[index];
            if (name.startsWith("[")) {
                addTypes(name, references);
            } else {
                references.add(name);
            }
        }
        for (var text : utf8) {
            if (text != null && text.indexOf(';') > 0) {
                addTypes(text, references);
            }
        }
        return references;
    }

    private static void addTypes(String descriptor, Set<String> references) {
        var matcher = TYPE_IN_DESCRIPTOR.matcher(descriptor);
        while (matcher.find()) {
            references.add(matcher.group(1));
        }
    }
}
