#!/usr/bin/env python3
"""The profile of the mid sizes (issue #28 item 3): where a plan of N buckets spends its CPU, per size.
For each N (SIZES, default 30 60 100 300 1000) and RUNS runs each (default 3), on the bench jar with
launcher/jvm.options and its archive, as bench/run measures it:
  1. CPU per thread at exit (bench/profile/ThreadCpuAgent.java, a -javaagent reading /proc/self/task),
     classes loaded and the class-load timeline (-Xlog:class+load with uptime);
  2. JFR with execution samples every 1 ms: samples per code owner (innermost non-JDK frame), threads
     started, JIT compilations and their time;
  3. the same plan twice in one JVM (`plan buckets-N buckets-N`) against once: the second plan's CPU is
     what N buckets cost once the JVM is warm, so (cold - warm) is the one-off cost of a first plan.
Prints one table per measure and writes bench/target/profile.md. Run from the repository root after
bench/run (or `mvn -Pbench package -pl bench -am`) built the bench jar and its archive."""
import collections
import os
import re
import statistics
import subprocess
import sys
import tempfile

SIZES = [int(s) for s in os.environ.get("SIZES", "30 60 100 300 1000").split()]
RUNS = int(os.environ.get("RUNS", "3"))
# BENCH_JAR/BENCH_JSA: another build of the bench jar and its archive, to profile before and after a change.
JAR = os.environ.get("BENCH_JAR", "bench/target/labstacks-bench.jar")
JVM = ["java", "@launcher/jvm.options",
       "-XX:SharedArchiveFile=" + os.environ.get("BENCH_JSA", "bench/target/labstacks-bench.jsa")]
AGENT_DIR = "bench/target/thread-cpu-agent"
AGENT = f"{AGENT_DIR}/thread-cpu-agent.jar"
OUT = os.environ.get("PROFILE_OUT", "bench/target/profile.md")

# Innermost non-JDK frame -> owner. Order matters: the first pattern that matches a frame names it.
OWNERS = [
    ("ours: plan printer (PlanPrinter, PlanJson)", re.compile(r"^labstacks\.offline\.plan\.(PlanPrinter|PlanJson)")),
    ("ours: mocks (OfflineMocks, ComputedOutputs, CapturingMonitor)",
     re.compile(r"^labstacks\.offline\.plan\.(OfflineMocks|ComputedOutputs|CapturingMonitor)")),
    ("ours: plan model (OfflineRuntime, PlanValues, PlannedResource, ...)", re.compile(r"^labstacks\.offline\.")),
    ("ours: settings loader (labstacks.shared.config)", re.compile(r"^labstacks\.shared\.config\.")),
    ("ours: launcher", re.compile(r"^labstacks\.launcher\.")),
    ("ours: program + library (tagging, providers)", re.compile(r"^labstacks\.")),
    ("picocli", re.compile(r"^picocli\.")),
    ("Pulumi SDK: DefaultRunner task loop", re.compile(r"^com\.pulumi\.deployment\.internal\.DeploymentImpl\$DefaultRunner")),
    ("Pulumi provider SDKs (aws, kubernetes)", re.compile(r"^com\.pulumi\.(aws|kubernetes)\.")),
    ("Pulumi SDK core, other", re.compile(r"^com\.pulumi\.")),
    ("protobuf / gRPC", re.compile(r"^(com\.google\.protobuf|io\.grpc)\.")),
    ("gson", re.compile(r"^com\.google\.gson\.")),
    ("snakeyaml", re.compile(r"^org\.yaml\.")),
    ("guava", re.compile(r"^com\.google\.common\.")),
]
MARKERS = [("labstacks.launcher.Main", "Main loaded"), ("org.yaml.snakeyaml.Yaml", "stack file read"),
           ("com.pulumi.test.internal.PulumiTestInternal", "SDK mock runtime"),
           ("labstacks.offline.plan.PlannedResource", "program done, plan model")]


def build_agent():
    if os.path.exists(AGENT) and os.path.getmtime(AGENT) > os.path.getmtime("bench/profile/ThreadCpuAgent.java"):
        return
    os.makedirs(AGENT_DIR, exist_ok=True)
    subprocess.run(["javac", "--release", "17", "-d", AGENT_DIR, "bench/profile/ThreadCpuAgent.java"], check=True)
    with open(f"{AGENT_DIR}/manifest.txt", "w") as f:
        f.write("Premain-Class: ThreadCpuAgent\n")
    subprocess.run(["jar", "cfm", AGENT, f"{AGENT_DIR}/manifest.txt", "-C", AGENT_DIR, "ThreadCpuAgent.class"], check=True)


def timed(command):
    """(wall, cpu, rss MB) of a command from /usr/bin/time."""
    with tempfile.NamedTemporaryFile() as timing:
        subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", timing.name, *command],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall, user, system, rss = open(timing.name).read().split()[-4:]
    return float(wall), float(user) + float(system), int(rss) / 1024


def plan(n, times=1):
    return ["-jar", JAR, "plan", "--root", "bench/stacks", *[f"buckets-{n}"] * times]


def threads_and_classes(n, tmp):
    cpu_file, class_log = f"{tmp}/cpu.tsv", f"{tmp}/classes.log"
    wall, cpu, rss = timed([*JVM, f"-javaagent:{AGENT}={cpu_file}", f"-Xlog:class+load:file={class_log}:uptime",
                            *plan(n)])
    groups = {}
    for line in open(cpu_file):
        name, value = line.rstrip("\n").split("\t")
        groups["main" if name == "java" else name] = float(value)
    loaded, shared, marks = 0, 0, {}
    for line in open(class_log):
        match = re.match(r"\[([0-9.]+)s\].* ([\w$.]+) source: (.*)", line)
        if not match:
            continue
        loaded += 1
        shared += "shared" in match.group(3)
        for cls, label in MARKERS:
            if match.group(2) == cls and label not in marks:
                marks[label] = float(match.group(1))
    return {"wall": wall, "cpu": cpu, "rss": rss, "groups": groups, "classes": loaded,
            "from_jar": loaded - shared, "marks": marks}


def jfr(n, tmp):
    settings, recording = f"{tmp}/1ms.jfc", f"{tmp}/plan.jfr"
    java_home = os.path.dirname(os.path.dirname(os.path.realpath(subprocess.run(
        ["bash", "-c", "command -v java"], capture_output=True, text=True).stdout.strip())))
    text = open(f"{java_home}/lib/jfr/profile.jfc").read()
    text = re.sub(r'(<setting name="period" control="method-sampling-java-interval">)[^<]*', r"\g<1>1 ms", text)
    open(settings, "w").write(text)
    subprocess.run([*JVM, f"-XX:StartFlightRecording=filename={recording},settings={settings}", *plan(n)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    printed = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", recording],
                             capture_output=True, text=True, check=True).stdout
    samples, current = [], None
    for line in printed.splitlines():
        line = line.strip()
        if line.startswith("jdk.ExecutionSample"):
            current = []
            samples.append(current)
        elif current is not None and re.match(r"^[\w$.]+\.[\w$<>]+\(", line):
            current.append(line.split("(")[0])
    owners = collections.Counter()
    for stack in samples:
        owners[next((name for frame in stack for name, pattern in OWNERS if pattern.match(frame)), "JDK only")] += 1
    # The JIT's own totals at the end of the recording (the last periodic jdk.CompilerStatistics).
    statistics_text = subprocess.run(["jfr", "print", "--events", "jdk.CompilerStatistics", recording],
                                     capture_output=True, text=True, check=True).stdout
    counts = re.findall(r"compileCount = ([0-9]+)", statistics_text)
    spent = re.findall(r"totalTimeSpent = ([0-9.]+) (ms|s)", statistics_text)
    compilations = int(counts[-1]) if counts else 0
    compile_ms = float(spent[-1][0]) * (1000 if spent[-1][1] == "s" else 1) if spent else 0.0
    starts = subprocess.run(["jfr", "print", "--events", "jdk.ThreadStart", recording],
                            capture_output=True, text=True, check=True).stdout.count("jdk.ThreadStart")
    return {"samples": len(samples), "owners": owners, "compilations": compilations,
            "compile_ms": compile_ms, "threads": starts}


def med(values):
    return statistics.median(values) if values else 0.0


def main():
    build_agent()
    load_before = os.getloadavg()[0]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            tc = [threads_and_classes(n, tmp) for _ in range(RUNS)]
            jf = [jfr(n, tmp) for _ in range(RUNS)]
            once = [timed([*JVM, *plan(n)]) for _ in range(RUNS)]
            twice = [timed([*JVM, *plan(n, 2)]) for _ in range(RUNS)]
            results[n] = {"tc": tc, "jfr": jf, "once": once, "twice": twice}
            print(f"profiled buckets-{n} (load {os.getloadavg()[0]:.1f})", file=sys.stderr)
    load_after = os.getloadavg()[0]

    lines = []
    w = lines.append
    w(f"# Profile of buckets-N (bench/profile.py), load {load_before:.1f} before, {load_after:.1f} after; "
      f"{RUNS} runs per figure, medians")
    w("")
    w("## Cold plan against a warm second plan in the same JVM (CPU s)")
    w("")
    w("| N | one plan: CPU s | wall s | two plans: CPU s | second plan alone (CPU) | CPU ms/bucket cold | "
      "CPU ms/bucket warm | one-off cost of the first plan |")
    w("|---|---|---|---|---|---|---|---|")
    for n, r in results.items():
        cold = med([c for _, c, _ in r["once"]])
        both = med([c for _, c, _ in r["twice"]])
        warm = both - cold
        w(f"| {n} | {cold:.2f} | {med([x for x, _, _ in r['once']]):.2f} | {both:.2f} | {warm:.2f} | "
          f"{cold * 1000 / n:.1f} | {warm * 1000 / n:.1f} | {cold - warm:.2f} |")
    w("")
    w("## CPU by thread at exit (s)")
    w("")
    names = sorted({g for r in results.values() for t in r["tc"] for g, v in t["groups"].items() if v >= 0.02})
    w("| N | " + " | ".join(names) + " | classes loaded | from the jar |")
    w("|---|" + "---|" * (len(names) + 2))
    for n, r in results.items():
        w(f"| {n} | " + " | ".join(f"{med([t['groups'].get(g, 0) for t in r['tc']]):.2f}" for g in names)
          + f" | {med([t['classes'] for t in r['tc']]):.0f} | {med([t['from_jar'] for t in r['tc']]):.0f} |")
    w("")
    w("## Class-load timeline (s of JVM uptime at the first load of a marker class)")
    w("")
    labels = [label for _, label in MARKERS]
    w("| N | " + " | ".join(labels) + " | exit (wall) |")
    w("|---|" + "---|" * (len(labels) + 1))
    for n, r in results.items():
        w(f"| {n} | " + " | ".join(f"{med([t['marks'][l] for t in r['tc'] if l in t['marks']]):.2f}" for l in labels)
          + f" | {med([t['wall'] for t in r['tc']]):.2f} |")
    w("")
    w("## JFR: execution samples by owner of the innermost non-JDK frame (% of samples), threads, JIT")
    w("")
    owners = [name for name, _ in OWNERS] + ["JDK only"]
    w("| owner | " + " | ".join(f"N={n}" for n in results) + " |")
    w("|---|" + "---|" * len(results))
    for owner in owners:
        w(f"| {owner} | " + " | ".join(
            f"{med([j['owners'][owner] * 100 / max(j['samples'], 1) for j in r['jfr']]):.1f}" for r in results.values()) + " |")
    w("| samples (1 ms) | " + " | ".join(f"{med([j['samples'] for j in r['jfr']]):.0f}" for r in results.values()) + " |")
    w("| threads started | " + " | ".join(f"{med([j['threads'] for j in r['jfr']]):.0f}" for r in results.values()) + " |")
    w("| JIT compilations | " + " | ".join(f"{med([j['compilations'] for j in r['jfr']]):.0f}" for r in results.values()) + " |")
    w("| JIT compile time ms | " + " | ".join(f"{med([j['compile_ms'] for j in r['jfr']]):.0f}" for r in results.values()) + " |")
    w("")
    os.makedirs("bench/target", exist_ok=True)
    open(OUT, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
