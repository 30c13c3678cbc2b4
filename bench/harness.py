#!/usr/bin/env python3
"""bench/run's measuring harness: runs every case once per round in a shuffled order (round 0 is a
warm-up and is dropped), each through /usr/bin/time, and writes bench/RESULTS.md with medians and the
ratios against the Pulumi Node.js peer. Env: REPEAT (measured rounds, default 5), SEED, NODE=0 to
leave the peer out. Run from the repository root, after bench/run has built the jars."""
import datetime
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile

REPEAT = int(os.environ.get("REPEAT", "5"))
SEED = int(os.environ.get("SEED", "18"))
OUT = "bench/RESULTS.md"
KEEP_MARKER = "<!-- bench/run keeps everything below this line -->"
JAR = "launcher/target/labstacks.jar"
BENCH_JAR = "bench/target/labstacks-bench.jar"
TUNED = ["@launcher/jvm.options"]
BENCH_TUNED = TUNED + ["-XX:SharedArchiveFile=bench/target/labstacks-bench.jsa"]
# Defaults as before this change: G1, C2, max heap a quarter of RAM, no archive.
PLAIN = []
TARGETS = {"pipeweave": 0.9, "buckets-1000": 0.6, "rss-1000": 300, "marginal-ms": 4.0, "marginal-mb": 0.2}

node = os.environ.get("NODE", "1") != "0" and shutil.which("node") and os.path.isdir("bench/peers/node_modules")
stacks = sorted(f[len("Pulumi."):-len(".yaml")] for f in os.listdir(".") if f.startswith("Pulumi.") and f.count(".") == 2
                and f != "Pulumi.yaml")

cases = {}


def case(key, tool, label, command):
    cases[key] = {"tool": tool, "label": label, "command": command, "runs": []}


case("floor-java", "labstacks", "floor: `java -jar labstacks.jar help` (tuned)", ["java", *TUNED, "-jar", JAR, "help"])
case("pw-plain", "labstacks", "pipeweave-production, JVM defaults", ["java", *PLAIN, "-jar", JAR, "plan", "pipeweave-production"])
case("pw", "labstacks", "pipeweave-production, launcher/jvm.options", ["java", *TUNED, "-jar", JAR, "plan", "pipeweave-production"])
for n in (10, 100, 1000):
    case(f"b{n}", "labstacks", f"buckets-{n}, launcher/jvm.options",
         ["java", *BENCH_TUNED, "-jar", BENCH_JAR, "plan", "--root", "bench/stacks", f"buckets-{n}"])
case("b1000-plain", "labstacks", "buckets-1000, JVM defaults",
     ["java", *PLAIN, "-jar", BENCH_JAR, "plan", "--root", "bench/stacks", "buckets-1000"])
for stack in stacks:
    if stack != "pipeweave-production":
        case(f"stack-{stack}", "labstacks", stack, ["java", *TUNED, "-jar", JAR, "plan", stack])
if node:
    case("floor-node", "node", "floor: `node -e 0`", ["node", "-e", "0"])
    case("node-pw", "node", "pipeweave-production", ["node", "bench/peers/plan.js", "pipeweave-production"])
    for n in (10, 100, 1000):
        case(f"node-b{n}", "node", f"buckets-{n}", ["node", "bench/peers/plan.js", f"buckets-{n}"])

rng = random.Random(SEED)
loads = []
RUNS = "bench/target/bench-runs.json"
if os.environ.get("REPORT_ONLY"):
    # Re-render RESULTS.md from the last measurement without measuring again.
    saved = json.load(open(RUNS))
    loads = saved["loads"]
    for key, runs in saved["runs"].items():
        cases[key]["runs"] = runs
    REPEAT = len(next(iter(saved["runs"].values())))
with (tempfile.TemporaryDirectory() if not os.environ.get("REPORT_ONLY") else open(os.devnull)) as tmp:
    timing = os.path.join(tmp, "time")
    for round_number in (range(REPEAT + 1) if not os.environ.get("REPORT_ONLY") else []):
        order = list(cases)
        rng.shuffle(order)
        for key in order:
            loads.append(os.getloadavg()[0])
            command = ["/usr/bin/time", "-f", "%e %M %U %S", "-o", timing, *cases[key]["command"]]
            result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if result.returncode != 0:
                sys.exit(f"failed ({result.returncode}): {' '.join(cases[key]['command'])}\n{result.stderr[-2000:]}")
            wall, rss, user, system = open(timing).read().split()[-4:]
            if round_number > 0:
                cases[key]["runs"].append({"wall": float(wall), "rss": int(rss) / 1024, "cpu": float(user) + float(system)})
        print(f"round {round_number}/{REPEAT} done", file=sys.stderr)
if not os.environ.get("REPORT_ONLY"):
    with open(RUNS, "w") as f:
        json.dump({"loads": loads, "runs": {k: v["runs"] for k, v in cases.items()}}, f)


def median(key, field):
    return statistics.median(r[field] for r in cases[key]["runs"])


def spread(key):
    walls = [r["wall"] for r in cases[key]["runs"]]
    return f"{min(walls):.2f}–{max(walls):.2f}"


def row(key):
    return (f"| {cases[key]['tool']} | {cases[key]['label']} | {median(key, 'wall'):.2f} [{spread(key)}] | "
            f"{median(key, 'cpu'):.2f} | {median(key, 'rss'):.0f} |")


def verdict(value, target, lower_is_better=True):
    return "met" if (value <= target if lower_is_better else value >= target) else "not met"


lines = []
w = lines.append
w("# Benchmark results")
w("")
w(f"Written by `bench/run` on {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC: {os.cpu_count()} cores, "
  f"{platform.system()} {platform.release()}, {subprocess.run(['java', '-version'], capture_output=True, text=True).stderr.splitlines()[0]}"
  + (f", node {subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()}" if node else "") + ".")
w(f"Each case ran once per round, in a shuffled order, {REPEAT} measured rounds after one warm-up round; "
  "figures are medians, [min–max] of wall time. Wall, CPU (user+sys) and peak RSS come from `/usr/bin/time`.")
w(f"1-minute load average while measuring: {min(loads):.1f}–{max(loads):.1f} (median {statistics.median(loads):.1f}) "
  "on this machine's cores. Under load the wall times stretch; ratios within one run and CPU seconds are the "
  "steadier measures.")
w("")
w("`launcher/jvm.options` is what `./labstacks` and, through `JDK_JAVA_OPTIONS`, `pulumi up` run the jar with: "
  "the class-data sharing archive `./labstacks build` writes, C1 only, SerialGC, `-Xmx384m`. "
  "The bench jar gets its own archive (bench/target/labstacks-bench.jsa). \"JVM defaults\" is how the jar ran before.")
w("")
w("## Against the Pulumi Node.js SDK (bench/peers, same programs under its mocks)")
w("")
if node:
    w("| case | labstacks wall s | Node wall s | ratio wall | labstacks CPU s | Node CPU s | ratio CPU | labstacks RSS MB | Node RSS MB | target | wall ratio |")
    w("|---|---|---|---|---|---|---|---|---|---|---|")
    for key, peer, label, target in (("pw", "node-pw", "pipeweave-production", TARGETS["pipeweave"]),
                                     ("b10", "node-b10", "buckets-10", None), ("b100", "node-b100", "buckets-100", None),
                                     ("b1000", "node-b1000", "buckets-1000", TARGETS["buckets-1000"])):
        ratio = median(key, "wall") / median(peer, "wall")
        cpu_ratio = median(key, "cpu") / median(peer, "cpu")
        w(f"| {label} | {median(key, 'wall'):.2f} | {median(peer, 'wall'):.2f} | {ratio:.2f} | {median(key, 'cpu'):.2f} | "
          f"{median(peer, 'cpu'):.2f} | {cpu_ratio:.2f} | {median(key, 'rss'):.0f} | {median(peer, 'rss'):.0f} | "
          + (f"≤ {target}× | {verdict(ratio, target)} |" if target else "– | – |"))
    w("")
else:
    w("node and bench/peers/node_modules were not there: peer not measured (`cd bench/peers && npm ci`).")
    w("")
rss = median("b1000", "rss")
w(f"Peak RSS at 1000 buckets: {rss:.0f} MB (target ≤ {TARGETS['rss-1000']} MB: {verdict(rss, TARGETS['rss-1000'])}); "
  f"with JVM defaults {median('b1000-plain', 'rss'):.0f} MB.")
w("")
w("## Marginal cost per resource, buckets-10 → buckets-1000")
w("")
w("(median(1000) − median(10)) / 990.")
w("")
w("| peer | wall ms/res | CPU ms/res | peak RSS MB/res | target |")
w("|---|---|---|---|---|")
peers = [("labstacks, launcher/jvm.options", "b10", "b1000")]
if node:
    peers.append(("Pulumi Node.js SDK", "node-b10", "node-b1000"))
for name, small, big in peers:
    ms = (median(big, "wall") - median(small, "wall")) * 1000 / 990
    cpu = (median(big, "cpu") - median(small, "cpu")) * 1000 / 990
    mb = (median(big, "rss") - median(small, "rss")) / 990
    target = (f"≤ {TARGETS['marginal-ms']} ms: {verdict(ms, TARGETS['marginal-ms'])}; ≤ {TARGETS['marginal-mb']} MB: "
              f"{verdict(mb, TARGETS['marginal-mb'])}") if name.startswith("labstacks") else "–"
    w(f"| {name} | {ms:.2f} | {cpu:.2f} | {mb:.3f} | {target} |")
w("")
w("## Every case")
w("")
w("| tool | case | wall s [min–max] | CPU s | peak RSS MB |")
w("|---|---|---|---|---|")
for key in cases:
    w(row(key))
w("")
w("Raw runs: bench/target/bench-runs.json (not committed); `bash bench/run` reproduces them.")
w("")

kept = ""
if os.path.exists(OUT):
    text = open(OUT).read()
    if KEEP_MARKER in text:
        kept = text[text.index(KEEP_MARKER):]
with open(OUT, "w") as f:
    f.write("\n".join(lines) + "\n" + (kept or KEEP_MARKER + "\n"))
print(open(OUT).read())
