#!/usr/bin/env python3
"""bench/run's measuring harness. Runs every case once per round in a shuffled order (round 0 is a
warm-up and is dropped), each through /usr/bin/time, records the 1-minute load before every run, and
writes the report: medians, [min-max], and the paired ratio against the Pulumi Node.js peer (the median
of the per-round ratios of two cases measured in the same round), each ratio with the load it was taken
at. Run from the repository root, after bench/run has built the jars.

  python3 bench/harness.py            full: every size and stack; writes bench/RESULTS.md
  python3 bench/harness.py --quick    10/100/1000 buckets and pipeweave-production, 2 rounds;
                                      writes bench/target/RESULTS-quick.md (RESULTS.md stays as it is)
  python3 bench/harness.py --report   the report again from bench/target/bench-runs.json, no measuring
  python3 bench/harness.py --check    exit 1 when RESULTS.md was measured at another commit of the
                                      code it measures (or with uncommitted changes), saying which
Env: REPEAT (measured rounds; full 5, quick 2), SEED, NODE=0 leaves the peer out, SIZES="10 100" and
STACKS="pipeweave-production" narrow a full run (the report then says what it left out and goes to
bench/target/RESULTS-quick.md unless WRITE_RESULTS=1)."""
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

ROOT = os.getcwd()
RESULTS = "bench/RESULTS.md"
QUICK_RESULTS = "bench/target/RESULTS-quick.md"
RUNS = "bench/target/bench-runs.json"
JAR = "launcher/target/labstacks.jar"
BENCH_JAR = "bench/target/labstacks-bench.jar"
TUNED = ["@launcher/jvm.options"]
# The bench jar is the launcher plus the bench-scale program; it gets its own archive (bench/run writes
# it) and otherwise the options ./labstacks runs the labstacks jar with.
BENCH_TUNED = TUNED + ["-XX:SharedArchiveFile=bench/target/labstacks-bench.jsa"]
ALL_SIZES = [10, 30, 100, 300, 1000, 5000]
QUICK_SIZES = [10, 100, 1000]
# What the measured figures depend on: a change to any of these since the recorded commit makes
# RESULTS.md stale (git pathspecs, from the repository root). The harness itself is not among them: a
# new case or table does not change what the others measured.
MEASURED_PATHS = [":(glob)**/pom.xml", ":(glob)**/src/main/**", "labstacks", "launcher/jvm.options",
                  "bench/peers/plan.js", "bench/peers/package-lock.json", "bench/stacks", ":(glob)Pulumi.*.yaml"]
# Issue #28's done-when targets. Each is reported as met or not met from this run's figures.
TARGET_PW = 0.7        # pipeweave-production through ./labstacks / Node peer, paired wall ratio
TARGET_B100 = 0.8      # 100 buckets / Node peer
TARGET_B1000 = 0.5     # 1000 buckets / Node peer
TARGET_RSS_1000 = 250  # MB, 1000 buckets
TARGET_HELP = 0.35     # s, `./labstacks help` wall


def git(*args):
    return subprocess.run(["git", *args], capture_output=True, text=True).stdout.strip()


def commit_state():
    """(commit, whether the measured paths have uncommitted changes)."""
    head = git("rev-parse", "HEAD")
    dirty = bool(git("status", "--porcelain", "--untracked-files=no", "--", *MEASURED_PATHS))
    return head, dirty


def check():
    if not os.path.exists(RESULTS):
        sys.exit(f"{RESULTS} is missing: run `bash bench/run`")
    text = open(RESULTS).read()
    marker = "<!-- measured-commit: "
    if marker not in text:
        sys.exit(f"{RESULTS} does not say which commit it measured: it is stale; run `bash bench/run`")
    recorded, _, rest = text[text.index(marker) + len(marker):].partition(" -->")
    recorded = recorded.strip()
    dirty = recorded.endswith("+dirty")
    commit = recorded.removesuffix("+dirty")
    if subprocess.run(["git", "cat-file", "-e", commit + "^{commit}"], capture_output=True).returncode != 0:
        sys.exit(f"{RESULTS} measured commit {commit}, which this clone does not have: cannot tell; "
                 "run `bash bench/run`")
    changed = git("diff", "--name-only", commit, "--", *MEASURED_PATHS).splitlines()
    if dirty or changed:
        why = "it was measured with uncommitted changes" if dirty else \
            f"{len(changed)} measured file(s) changed since {commit[:10]}, e.g. {', '.join(changed[:5])}"
        sys.exit(f"{RESULTS} is stale: {why}. Run `bash bench/run` on a quiet machine.")
    print(f"{RESULTS} is current: measured at {commit[:10]}, no measured file changed since.")
    sys.exit(0)


if "--check" in sys.argv:
    check()

# --report: write the report again from the last run's saved measurements, without measuring.
saved = json.load(open(RUNS)) if "--report" in sys.argv else None
settings = saved["settings"] if saved else {
    "quick": "--quick" in sys.argv, "sizes": os.environ.get("SIZES", ""), "stacks": os.environ.get("STACKS", ""),
    "repeat": os.environ.get("REPEAT", ""), "seed": os.environ.get("SEED", ""), "node": os.environ.get("NODE", "1")}
QUICK = settings["quick"]
REPEAT = int(settings["repeat"] or ("2" if QUICK else "5"))
SEED = int(settings["seed"] or "28")
sizes = [int(s) for s in settings["sizes"].split()] or (QUICK_SIZES if QUICK else ALL_SIZES)
all_stacks = sorted(f[len("Pulumi."):-len(".yaml")] for f in os.listdir(".")
                    if f.startswith("Pulumi.") and f.count(".") == 2 and f != "Pulumi.yaml")
stacks = settings["stacks"].split() or (["pipeweave-production"] if QUICK else all_stacks)
PEER_MODULES = "bench/target/peers/node_modules"  # bench/run installs the peer's pinned packages there
node = settings["node"] != "0" and shutil.which("node") and os.path.isdir(PEER_MODULES)
NODE_ENV = dict(os.environ, NODE_PATH=os.path.abspath(PEER_MODULES))
narrowed = QUICK or settings["sizes"] or settings["stacks"] or not node

cases = {}


def case(key, tool, label, command):
    cases[key] = {"tool": tool, "label": label, "command": command, "runs": []}


# What a user types, and the same JVM without the script in front (the script's own cost is the gap).
case("help", "labstacks", "`./labstacks help`", ["./labstacks", "help"])
MAIN = "labstacks.launcher.Main"
case("help-jar", "labstacks", "`java @launcher/jvm.options -cp labstacks.jar labstacks.launcher.Main help`",
     ["java", *TUNED, "-cp", JAR, MAIN, "help"])
for stack in stacks:
    case(f"stack-{stack}", "labstacks", f"`./labstacks plan {stack}`", ["./labstacks", "plan", stack])
if "pipeweave-production" in stacks:
    case("pw-jar", "labstacks", "`java @launcher/jvm.options -jar labstacks.jar plan pipeweave-production`",
         ["java", *TUNED, "-jar", JAR, "plan", "pipeweave-production"])
if "pipeweave-production" in stacks and not QUICK:
    # How the jar ran before launcher/jvm.options, and how `pulumi up` runs it without JDK_JAVA_OPTIONS.
    case("pw-plain", "labstacks", "`java -jar labstacks.jar plan pipeweave-production` (JVM defaults)",
         ["java", "-jar", JAR, "plan", "pipeweave-production"])
if not QUICK and not os.environ.get("STACKS"):
    case("all", "labstacks", "`./labstacks plan --all` (9 stacks, one JVM)", ["./labstacks", "plan", "--all"])
for n in sizes:
    case(f"b{n}", "labstacks", f"buckets-{n} (bench jar, launcher/jvm.options)",
         ["java", *BENCH_TUNED, "-cp", BENCH_JAR, MAIN, "plan", "--root", "bench/stacks", f"buckets-{n}"])
if node:
    case("node-floor", "node", "floor: `node -e 0`", ["node", "-e", "0"])
    if "pipeweave-production" in stacks:
        case("node-pw", "node", "pipeweave-production", ["node", "bench/peers/plan.js", "pipeweave-production"])
    for n in sizes:
        case(f"node-b{n}", "node", f"buckets-{n}", ["node", "bench/peers/plan.js", f"buckets-{n}"])

head, dirty = (saved["commit"], saved["dirty"]) if saved else commit_state()
started = datetime.datetime.fromisoformat(saved["started"]) if saved else datetime.datetime.now(datetime.timezone.utc)
rng = random.Random(SEED)
with tempfile.TemporaryDirectory() as tmp:
    timing = os.path.join(tmp, "time")
    for round_number in ([] if saved else range(REPEAT + 1)):
        order = list(cases)
        rng.shuffle(order)
        for key in order:
            load = os.getloadavg()[0]
            command = ["/usr/bin/time", "-f", "%e %M %U %S", "-o", timing, *cases[key]["command"]]
            result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                    env=NODE_ENV if cases[key]["tool"] == "node" else None)
            if result.returncode != 0:
                sys.exit(f"failed ({result.returncode}): {' '.join(cases[key]['command'])}\n{result.stderr[-2000:]}")
            wall, rss, user, system = open(timing).read().split()[-4:]
            if round_number > 0:
                cases[key]["runs"].append({"round": round_number, "wall": float(wall), "rss": int(rss) / 1024,
                                           "cpu": float(user) + float(system), "load": load})
        print(f"round {round_number}/{REPEAT} done ({datetime.datetime.now(datetime.timezone.utc):%H:%M:%S})",
              file=sys.stderr)
if saved:
    finished = datetime.datetime.fromisoformat(saved["finished"])
    for key, runs in saved["runs"].items():
        if key in cases:
            cases[key]["runs"] = runs
else:
    finished = datetime.datetime.now(datetime.timezone.utc)
    os.makedirs("bench/target", exist_ok=True)
    with open(RUNS, "w") as f:
        json.dump({"commit": head, "dirty": dirty, "settings": settings, "started": started.isoformat(),
                   "finished": finished.isoformat(), "runs": {k: v["runs"] for k, v in cases.items()}}, f)


def median(key, field):
    return statistics.median(r[field] for r in cases[key]["runs"])


def spread(key):
    walls = [r["wall"] for r in cases[key]["runs"]]
    return f"{min(walls):.2f}–{max(walls):.2f}"


def loads_of(*keys):
    return [r["load"] for key in keys for r in cases[key]["runs"]]


def load_text(values):
    return f"{min(values):.1f}–{max(values):.1f} (median {statistics.median(values):.1f})"


def paired(key, peer, field="wall"):
    """Median of the per-round ratios key/peer: both ran in the same round, under the same load."""
    peer_runs = {r["round"]: r for r in cases[peer]["runs"]}
    ratios = [r[field] / peer_runs[r["round"]][field] for r in cases[key]["runs"] if r["round"] in peer_runs]
    return statistics.median(ratios)


# Above this 1-minute load (twice the cores) the wall figures say more about the other processes than
# about the code: the targets are then not judged (a verdict taken there would be wrong either way).
JUDGE_LOAD = 2 * (os.cpu_count() or 1)


def verdict(value, target, keys):
    load = statistics.median(loads_of(*keys))
    if load > JUDGE_LOAD:
        return f"cannot tell: load {load:.1f} > {JUDGE_LOAD}"
    return "**met**" if value <= target else "**not met**"


def first_line(command):
    result = subprocess.run(command, capture_output=True, text=True)
    return (result.stdout or result.stderr).strip().splitlines()[0] if result.returncode == 0 else "?"


cpu_model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
memory = next((int(line.split()[1]) // 1024 // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
all_loads = loads_of(*cases)
lines = []
w = lines.append
w("# Benchmark results")
w("")
w("Generated by `bench/run`; do not edit by hand (the next run overwrites all of it). "
  "`bash bench/run --check` says whether the code it measures changed since.")
w(f"<!-- measured-commit: {head}{'+dirty' if dirty else ''} -->")
w("")
w(f"- **Command:** `bash bench/run{' --quick' if QUICK else ''}` (REPEAT={REPEAT}, SEED={SEED}"
  + (f", SIZES={settings['sizes']!r}" if settings["sizes"] else "")
  + (f", STACKS={settings['stacks']!r}" if settings["stacks"] else "") + ")")
w(f"- **When:** {started:%Y-%m-%d %H:%M}–{finished:%H:%M} UTC")
w(f"- **Commit:** `{head}`" + (" **plus uncommitted changes to measured files**" if dirty else ""))
w(f"- **Machine:** {os.cpu_count()} × {cpu_model}, {memory} GiB, {platform.system()} {platform.release()}; "
  f"{first_line(['java', '-version'])}" + (f"; node {first_line(['node', '--version'])}" if node else ""))
w(f"- **1-minute load** before each run: {load_text(all_loads)} on {os.cpu_count()} cores. "
  "The benchmark itself accounts for about 1–1.5 of it. Wall times stretch with the load; the paired ratios "
  "and CPU seconds are the steadier measures, and each ratio below carries the load of its own runs.")
w(f"- **Method:** every case once per round in a shuffled order, one warm-up round dropped, {REPEAT} measured "
  "rounds. Wall, CPU (user+sys) and peak RSS from `/usr/bin/time`, stdout to /dev/null. Figures are medians "
  "with [min–max] of wall; a ratio is the median of the per-round ratios of the two cases (same round, same load).")
w("- **Buckets** run on the bench jar (the launcher plus the `bench-scale` program, bench/stacks) with "
  "`launcher/jvm.options` and the bench jar's own class-data sharing archive: the line `./labstacks` execs, "
  "without the script (whose cost is the `./labstacks` − `java` gap on pipeweave-production below). "
  "The Node peer is bench/peers/plan.js (Pulumi Node.js SDK under its own mocks).")
if narrowed:
    w(f"- **Narrowed run:** sizes {sizes}, stacks {stacks}"
      + ("" if node else ", no Node peer") + ". The targets below need a full run.")
w("")

w("## Targets (issue #28)")
w("")
w("| target | measured | load of those runs | verdict |")
w("|---|---|---|---|")


def target_row(label, value_text, keys, met):
    w(f"| {label} | {value_text} | {load_text(loads_of(*keys))} | {met} |")


if node and "stack-pipeweave-production" in cases:
    r = paired("stack-pipeweave-production", "node-pw")
    target_row(f"`./labstacks plan pipeweave-production` ≤ {TARGET_PW}× Node", f"{r:.2f}×",
               ["stack-pipeweave-production", "node-pw"], verdict(r, TARGET_PW, ["stack-pipeweave-production", "node-pw"]))
else:
    w(f"| pipeweave-production ≤ {TARGET_PW}× Node | not measured | – | cannot tell |")
for n, target in ((100, TARGET_B100), (1000, TARGET_B1000)):
    if node and f"b{n}" in cases:
        r = paired(f"b{n}", f"node-b{n}")
        target_row(f"{n} buckets ≤ {target}× Node", f"{r:.2f}×", [f"b{n}", f"node-b{n}"],
                   verdict(r, target, [f"b{n}", f"node-b{n}"]))
    else:
        w(f"| {n} buckets ≤ {target}× Node | not measured | – | cannot tell |")
if "b1000" in cases:
    rss = median("b1000", "rss")
    target_row(f"1000 buckets peak RSS ≤ {TARGET_RSS_1000} MB", f"{rss:.0f} MB", ["b1000"],
               "**met**" if rss <= TARGET_RSS_1000 else "**not met**")  # memory does not stretch with load
help_wall = median("help", "wall")
target_row(f"`./labstacks help` ≤ {TARGET_HELP} s", f"{help_wall:.2f} s [{spread('help')}]", ["help"],
           verdict(help_wall, TARGET_HELP, ["help"]))
w("")
w(f"A target is judged only when the median 1-minute load of its runs is at most {JUDGE_LOAD} (twice the cores); "
  "above that the figure is printed but says more about the other processes than about the code.")
w("")

if node:
    w("## Against the Node peer, paired")
    w("")
    w("| case | labstacks wall s | Node wall s | wall ratio | CPU ratio | labstacks CPU s | Node CPU s | "
      "labstacks RSS MB | Node RSS MB | RSS ratio | load |")
    w("|---|---|---|---|---|---|---|---|---|---|---|")
    pairs = []
    if "node-pw" in cases:
        pairs.append(("pipeweave-production via `./labstacks`", "stack-pipeweave-production", "node-pw"))
        pairs.append(("pipeweave-production via `java -jar`", "pw-jar", "node-pw"))
    pairs += [(f"buckets-{n}", f"b{n}", f"node-b{n}") for n in sizes]
    for label, key, peer in pairs:
        w(f"| {label} | {median(key, 'wall'):.2f} | {median(peer, 'wall'):.2f} | {paired(key, peer):.2f} | "
          f"{paired(key, peer, 'cpu'):.2f} | {median(key, 'cpu'):.2f} | {median(peer, 'cpu'):.2f} | "
          f"{median(key, 'rss'):.0f} | {median(peer, 'rss'):.0f} | {paired(key, peer, 'rss'):.2f} | "
          f"{load_text(loads_of(key, peer))} |")
    w("")

if len(sizes) > 1:
    w("## Cost per bucket between sizes")
    w("")
    w("(median(larger) − median(smaller)) / (difference in buckets), from the medians above. "
      "A higher figure for the small steps is fixed cost that has not yet been spread out (JIT warm-up, "
      "first-use initialisation), not growth.")
    w("")
    w("| step | labstacks wall ms | labstacks CPU ms | labstacks MB | Node wall ms | Node CPU ms | Node MB |")
    w("|---|---|---|---|---|---|---|")
    for small, big in zip(sizes, sizes[1:]):
        def per(prefix, field, scale):
            return (median(f"{prefix}{big}", field) - median(f"{prefix}{small}", field)) * scale / (big - small)
        row = (f"| {small} → {big} | {per('b', 'wall', 1000):.2f} | {per('b', 'cpu', 1000):.2f} | "
               f"{per('b', 'rss', 1):.3f} |")
        row += (f" {per('node-b', 'wall', 1000):.2f} | {per('node-b', 'cpu', 1000):.2f} | "
                f"{per('node-b', 'rss', 1):.3f} |" if node else " – | – | – |")
        w(row)
    w("")

w("## Every case")
w("")
w("| tool | case | wall s [min–max] | CPU s | peak RSS MB | load |")
w("|---|---|---|---|---|---|")
for key in cases:
    w(f"| {cases[key]['tool']} | {cases[key]['label']} | {median(key, 'wall'):.2f} [{spread(key)}] | "
      f"{median(key, 'cpu'):.2f} | {median(key, 'rss'):.0f} | {load_text(loads_of(key))} |")
w("")
if "pw-jar" in cases:
    w(f"The script's own cost, paired (`./labstacks plan pipeweave-production` / the same `java` line): "
      f"{paired('stack-pipeweave-production', 'pw-jar'):.2f}× wall, "
      f"{(median('stack-pipeweave-production', 'wall') - median('pw-jar', 'wall')):+.2f} s of the medians; "
      f"`help` {paired('help', 'help-jar'):.2f}×.")
    w("")
if "pw-plain" in cases:
    w(f"`launcher/jvm.options` against JVM defaults, paired (`java @launcher/jvm.options -jar` / `java -jar`, "
      f"pipeweave-production): {paired('pw-jar', 'pw-plain'):.2f}× wall, {paired('pw-jar', 'pw-plain', 'cpu'):.2f}× CPU, "
      f"{paired('pw-jar', 'pw-plain', 'rss'):.2f}× peak RSS.")
    w("")
w(f"Raw runs: {RUNS} (not committed). What the profile of each size showed, and what was changed: "
  "bench/README.md.")

out = QUICK_RESULTS if narrowed and not os.environ.get("WRITE_RESULTS") else RESULTS
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
print(open(out).read())
print(f"written: {out}", file=sys.stderr)
