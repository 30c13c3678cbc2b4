package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import labstacks.launcher.architecture.ModuleGraphTest;
import labstacks.offline.check.PlanCheck;
import labstacks.offline.testing.ProgramHarness;
import labstacks.shared.config.Setting;
import labstacks.shared.program.StackProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root README's "Add a system", followed step by step with a sample system ({@code labnotes}, one bucket,
 * under {@code src/test/resources/add-a-system/}) in a copy of the checkout: its sources compiled in-process, its
 * program loaded through ServiceLoader and run through the launcher's own commands (plan, stacks, docs, check).
 * The README's numbered steps and the steps here must be the same, in the same order, and every file a step
 * names must be in the sample: a step added to one and not the other fails.
 */
class AddASystemTest {

    private static final String SYSTEM = "labnotes";
    private static final String STACK = "labnotes-dev";
    private static final Pattern STEP = Pattern.compile("^(\\d+)\\. \\*\\*([^*]+)\\*\\*: (.*)$");
    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");

    private final Path repository = ProgramHarness.repositoryRoot();
    private final Path sample = repository.resolve("launcher/src/test/resources/add-a-system");

    @TempDir Path temp;

    /**
     * Where the launcher runs: the project file, the README and the sample. Apart from {@link #reactor}, since a
     * directory named as a program of this class path (pipeweave, ...) would make {@code docs} document it.
     */
    private Path checkout;

    /** The root pom, every module's pom and service file, for the module graph check. */
    private Path reactor;

    private URLClassLoader loader;

    /** One numbered step of the README: its title and the text after it (continuation lines joined). */
    record Step(String title, String text) {
        /** The repository files the step names: the quoted paths under the system's directory or a stack file. */
        List<String> files() {
            var files = new ArrayList<String>();
            var matcher = QUOTED.matcher(text);
            while (matcher.find()) {
                var quoted = matcher.group(1);
                if (quoted.matches(
                        "("
                                + SYSTEM
                                + "/[^ ]+|Pulumi\\.[^ /]+\\.yaml|pom\\.xml|launcher/pom\\.xml)")) {
                    files.add(quoted);
                }
            }
            return files;
        }
    }

    @Test
    void aSampleSystemBuiltByTheReadmesStepsPlansAndPassesCheck() throws Exception {
        var steps = readmeSteps();
        var actions = new LinkedHashMap<String, StepAction>();
        actions.put("Module pom", this::modulePom);
        actions.put("Reactor", this::reactor);
        actions.put("Launcher", this::launcher);
        actions.put("Settings", this::settings);
        actions.put("Program", this::program);
        actions.put("Service file", this::serviceFile);
        actions.put("Component", this::component);
        actions.put("Stack", this::stack);
        actions.put("README", this::readme);
        actions.put("Check", this::check);
        assertEquals(
                List.copyOf(actions.keySet()),
                steps.stream().map(Step::title).toList(),
                "the README's \"Add a system\" steps and this test's, in order");

        copyCheckout();
        var previous = Thread.currentThread().getContextClassLoader();
        try {
            for (var step : steps) {
                for (var file : step.files()) {
                    var origin =
                            file.equals("pom.xml") || file.equals("launcher/pom.xml")
                                    ? reactor
                                    : sample;
                    assertTrue(
                            Files.isRegularFile(origin.resolve(file)),
                            step.title() + " names " + file + ", which the sample lacks");
                }
                actions.get(step.title()).run(step);
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
            if (loader != null) {
                loader.close();
            }
        }
    }

    @FunctionalInterface
    private interface StepAction {
        void run(Step step) throws Exception;
    }

    private List<Step> readmeSteps() throws IOException {
        var readme = Files.readString(repository.resolve("README.md"));
        var start = readme.indexOf("\n## Add a system\n");
        assertTrue(start >= 0, "the README has a section \"## Add a system\"");
        var end = readme.indexOf("\n## ", start + 1);
        var steps = new ArrayList<Step>();
        String title = null;
        var text = new StringBuilder();
        for (var line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            var matcher = STEP.matcher(line);
            if (matcher.matches()) {
                if (title != null) {
                    steps.add(new Step(title, text.toString()));
                }
                assertEquals(
                        steps.size() + 1,
                        Integer.parseInt(matcher.group(1)),
                        "steps are numbered in order: " + line);
                title = matcher.group(2);
                text = new StringBuilder(matcher.group(3));
            } else if (title != null && line.startsWith("   ")) {
                text.append(' ').append(line.strip());
            } else if (title != null) {
                steps.add(new Step(title, text.toString()));
                title = null;
            }
        }
        if (title != null) {
            steps.add(new Step(title, text.toString()));
        }
        return steps;
    }

    /** The copies the steps edit: the checkout with the sample's files, and the reactor's poms with its module's. */
    private void copyCheckout() throws IOException {
        checkout = Files.createDirectories(temp.resolve("checkout"));
        reactor = Files.createDirectories(temp.resolve("reactor"));
        for (var file : List.of("Pulumi.yaml", "README.md")) {
            Files.copy(repository.resolve(file), checkout.resolve(file));
        }
        Files.copy(repository.resolve("pom.xml"), reactor.resolve("pom.xml"));
        var modules =
                Pattern.compile("<module>([^<]+)</module>")
                        .matcher(Files.readString(repository.resolve("pom.xml")));
        while (modules.find()) {
            var pom = Path.of(modules.group(1), "pom.xml");
            Files.createDirectories(reactor.resolve(pom).getParent());
            Files.copy(repository.resolve(pom), reactor.resolve(pom));
            var services = Path.of(modules.group(1), ModuleGraphTest.SERVICE_FILE);
            if (Files.isRegularFile(repository.resolve(services))) {
                Files.createDirectories(reactor.resolve(services).getParent());
                Files.copy(repository.resolve(services), reactor.resolve(services));
            }
        }
        try (Stream<Path> files = Files.walk(sample)) {
            for (var file : files.filter(Files::isRegularFile).toList()) {
                var relative = sample.relativize(file).toString();
                var target = checkout.resolve(relative);
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
                if (relative.startsWith(SYSTEM + "/pom.xml")
                        || relative.endsWith(ModuleGraphTest.SERVICE_FILE)) {
                    Files.createDirectories(reactor.resolve(relative).getParent());
                    Files.copy(file, reactor.resolve(relative));
                }
            }
        }
    }

    /** A copy of pipeweave's pom, renamed: every dependency is one pipeweave has. */
    private void modulePom(Step step) throws IOException {
        var pom = Files.readString(checkout.resolve(SYSTEM + "/pom.xml"));
        assertTrue(pom.contains("<artifactId>labstacks-" + SYSTEM + "</artifactId>"), pom);
        var pipeweave = dependencies(Files.readString(repository.resolve("pipeweave/pom.xml")));
        var ours = dependencies(pom);
        assertTrue(ours.contains("dev.labstacks:labstacks-program-library::"), ours.toString());
        assertTrue(
                pipeweave.containsAll(ours),
                "copied from pipeweave/pom.xml: " + ours + " within " + pipeweave);
    }

    /** Each dependency of a pom as {@code group:artifact:type:scope} (type and scope empty when not given). */
    private static TreeSet<String> dependencies(String pom) {
        var found = new TreeSet<String>();
        var blocks = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
        while (blocks.find()) {
            var block = blocks.group(1);
            found.add(
                    tag(block, "groupId")
                            + ":"
                            + tag(block, "artifactId")
                            + ":"
                            + tag(block, "type")
                            + ":"
                            + tag(block, "scope"));
        }
        return found;
    }

    private static String tag(String xml, String name) {
        var matcher = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        return matcher.find() ? matcher.group(1).strip() : "";
    }

    private void reactor(Step step) throws IOException {
        edit(
                "pom.xml",
                "    <module>launcher</module>\n",
                "    <module>" + SYSTEM + "</module>\n    <module>launcher</module>\n");
    }

    /** Without the launcher's dependency the module graph check names the line to add; with it, all is well. */
    private void launcher(Step step) throws Exception {
        var before = ModuleGraphTest.problems(reactor);
        assertEquals(1, before.size(), before.toString());
        assertTrue(
                before.get(0)
                        .startsWith("launcher/pom.xml has no dependency on labstacks-" + SYSTEM),
                before.get(0));
        var pom = Files.readString(reactor.resolve("launcher/pom.xml"));
        var end = pom.lastIndexOf("  </dependencies>");
        Files.writeString(
                reactor.resolve("launcher/pom.xml"),
                pom.substring(0, end)
                        + "    <dependency>\n      <groupId>dev.labstacks</groupId>\n      <artifactId>labstacks-"
                        + SYSTEM
                        + "</artifactId>\n      <version>${project.version}</version>\n    </dependency>\n"
                        + pom.substring(end));
        assertEquals(List.of(), ModuleGraphTest.problems(reactor));
    }

    private void settings(Step step) throws Exception {
        var settings = loaded().loadClass("labstacks." + SYSTEM + ".LabnotesSettings");
        assertTrue(settings.isRecord());
        for (var component : settings.getRecordComponents()) {
            assertNotNull(
                    component.getAnnotation(Setting.class),
                    component.getName() + " carries @Setting");
        }
    }

    private void program(Step step) throws Exception {
        var program = theProgram();
        assertEquals(SYSTEM, program.name(), "named as its module's directory");
        var preflights =
                Stream.of(program.getClass().getDeclaredMethods())
                        .filter(m -> m.getName().equals("preflight"));
        assertEquals(
                0,
                preflights.count(),
                "the sample has no preflight: the credentials warning is the plan's");
    }

    private void serviceFile(Step step) throws Exception {
        var file = checkout.resolve(SYSTEM).resolve(ModuleGraphTest.SERVICE_FILE);
        assertEquals(List.of(theProgram().getClass().getName()), Files.readAllLines(file));
    }

    /** The component takes (name, args, options), and its test beside it passes. */
    private void component(Step step) throws Exception {
        var component = loaded().loadClass("labstacks." + SYSTEM + ".NotesBucket");
        assertTrue(ComponentResource.class.isAssignableFrom(component));
        var args = loaded().loadClass("labstacks." + SYSTEM + ".NotesBucketArgs");
        assertNotNull(component.getConstructor(String.class, args, ComponentResourceOptions.class));
        var test = loaded().loadClass("labstacks." + SYSTEM + ".NotesBucketTest");
        var ran = 0;
        for (var method : test.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Test.class)) {
                var constructor = test.getDeclaredConstructor();
                constructor.setAccessible(true);
                method.setAccessible(true);
                try {
                    method.invoke(constructor.newInstance());
                } catch (InvocationTargetException e) {
                    throw new AssertionError(
                            "the sample's " + method.getName() + " failed", e.getCause());
                }
                ran++;
            }
        }
        assertTrue(ran > 0, "the component's test has tests");
    }

    /** The stack plans through the launcher; being a trial (labstacks:deploy: false), CI does not deploy it. */
    private void stack(Step step) throws IOException {
        var json = checkout.resolve("plan.json");
        var plan = run("plan", STACK, "--json", json.toString());
        assertEquals(0, plan.code(), plan.err());
        assertTrue(plan.out().contains("labstacks:labnotes:NotesBucket"), plan.out());
        var planned = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals(SYSTEM, planned.get("program").getAsString());
        var types = new TreeSet<String>();
        planned.getAsJsonArray("resources")
                .forEach(r -> types.add(r.getAsJsonObject().get("type").getAsString()));
        assertTrue(
                types.containsAll(List.of("pulumi:providers:aws", "aws:s3/bucketV2:BucketV2")),
                types.toString());
        // No preflight in the sample, and no AWS credentials in this run's environment: the warning
        // is there.
        var warnings = planned.getAsJsonArray("warnings").toString();
        assertTrue(warnings.contains("no AWS credentials found"), warnings);
        assertTrue(
                plan.err().contains("no AWS credentials found")
                        || plan.out().contains("no AWS credentials found"),
                plan.out() + plan.err());

        assertTrue(step.text().contains("`labstacks:deploy: false`"), step.text());
        assertTrue(
                Files.readString(checkout.resolve("Pulumi." + STACK + ".yaml"))
                        .contains("labstacks:deploy: false"));
        var stacks = run("stacks", STACK);
        assertEquals(0, stacks.code(), stacks.err());
        assertEquals(STACK + "\t" + SYSTEM + "\tdev\tlocal only\t-\n", stacks.out());
    }

    /** The empty generated sections fail {@code docs}; {@code docs --write} fills them, then it passes. */
    private void readme(Step step) throws IOException {
        var stale = run("docs");
        assertEquals(1, stale.code(), stale.out() + stale.err());
        assertTrue(
                (stale.out() + stale.err()).contains(SYSTEM + "/README.md"),
                stale.out() + stale.err());
        assertEquals(0, run("docs", "--write").code());
        var written = Files.readString(checkout.resolve(SYSTEM + "/README.md"));
        assertTrue(written.contains("| `labnotes:bucketName` |"), written);
        assertTrue(written.contains("The stack `" + STACK + "`"), written);
        var fresh = run("docs");
        assertEquals(0, fresh.code(), fresh.out() + fresh.err());
    }

    /**
     * Check passes with no exception declared: the sample's bucket is a SecureBucket, and the S3 rules the step names
     * (those a plain bucket fails) are rules check really runs.
     */
    private void check(Step step) {
        var check = run("check", STACK);
        assertEquals(0, check.code(), check.out() + check.err());
        var named = new TreeSet<String>();
        var quoted = QUOTED.matcher(step.text());
        while (quoted.find()) {
            if (quoted.group(1).startsWith("s3-")) {
                named.add(quoted.group(1));
            }
        }
        assertFalse(named.isEmpty(), step.text());
        var known = new TreeSet<String>();
        PlanCheck.rules().forEach(rule -> known.add(rule.id()));
        assertTrue(
                known.containsAll(named),
                "the step names rules check runs: " + named + " of " + known);
        assertTrue(
                check.out().lines().noneMatch(l -> l.strip().startsWith("excepted ")), check.out());
        assertTrue(step.text().contains("SecureBucket"), step.text());
    }

    private LauncherRun run(String... args) {
        return LauncherRun.of(checkout, args);
    }

    private void edit(String file, String from, String to) throws IOException {
        var path = reactor.resolve(file);
        var text = Files.readString(path);
        assertTrue(text.contains(from), file + " holds " + from);
        Files.writeString(path, text.replace(from, to));
    }

    private StackProgram<?, ?> theProgram() throws IOException {
        var found =
                ServiceLoader.load(StackProgram.class, loaded()).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(p -> p.getClass().getClassLoader() == loader)
                        .toList();
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    /**
     * The sample module compiled as Maven would (main, then its tests) against this test's class path, with
     * javac in this JVM, and loaded on top of it; the current thread's class loader, so the launcher's
     * ServiceLoader finds the program.
     */
    private URLClassLoader loaded() throws IOException {
        if (loader != null) {
            return loader;
        }
        // Surefire starts the JVM with a manifest-only jar; it passes the real class path in this
        // property.
        var classPath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        var module = checkout.resolve(SYSTEM);
        var main = compile(module.resolve("src/main/java"), checkout.resolve("classes"), classPath);
        Files.createDirectories(main.resolve("META-INF/services"));
        Files.copy(
                module.resolve(ModuleGraphTest.SERVICE_FILE),
                main.resolve("META-INF/services/labstacks.shared.program.StackProgram"));
        var test =
                compile(
                        module.resolve("src/test/java"),
                        checkout.resolve("test-classes"),
                        main + File.pathSeparator + classPath);
        loader =
                new URLClassLoader(
                        new URL[] {main.toUri().toURL(), test.toUri().toURL()},
                        getClass().getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        return loader;
    }

    private static Path compile(Path sources, Path output, String classPath) throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        Files.createDirectories(output);
        var compiler = ToolProvider.getSystemJavaCompiler();
        assertNotNull(compiler, "a JDK, not a JRE");
        var messages = new ByteArrayOutputStream();
        var arguments =
                new ArrayList<>(
                        List.of(
                                "-proc:none",
                                "-encoding",
                                "UTF-8",
                                "-classpath",
                                classPath,
                                "-d",
                                output.toString()));
        arguments.addAll(files);
        int code = compiler.run(null, messages, messages, arguments.toArray(String[]::new));
        assertEquals(0, code, "the sample compiles:\n" + messages.toString(StandardCharsets.UTF_8));
        return output;
    }
}
