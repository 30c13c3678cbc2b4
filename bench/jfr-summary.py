#!/usr/bin/env python3
"""Summarises `jfr print --events jdk.ExecutionSample --stack-depth 64 FILE` (read from stdin):
the share of samples whose stack passes through each code owner (inclusive), and the hottest
top frames. Owners: our code (labstacks.*), the Pulumi Java SDK (com.pulumi.* outside the generated
provider SDKs), the provider SDKs (com.pulumi.aws/kubernetes), protobuf/gRPC, gson, and the JDK."""
import collections
import re
import sys

OWNERS = [
    ("labstacks (our code)", re.compile(r"^labstacks\.")),
    ("Pulumi provider SDKs (com.pulumi.aws, .kubernetes)", re.compile(r"^com\.pulumi\.(aws|kubernetes)\.")),
    ("Pulumi Java SDK core (com.pulumi.*)", re.compile(r"^com\.pulumi\.(?!aws\.|kubernetes\.)")),
    ("protobuf", re.compile(r"^com\.google\.protobuf\.")),
    ("gson", re.compile(r"^com\.google\.gson\.")),
]

samples = []
current = None
for line in sys.stdin:
    line = line.strip()
    if line.startswith("jdk.ExecutionSample"):
        current = []
        samples.append(current)
    elif current is not None and line.startswith("stackTrace = ["):
        continue
    elif current is not None and re.match(r"^[\w$.]+\.[\w$<>]+\(", line):
        current.append(line.split("(")[0])

total = len(samples)
print(f"{total} samples")
inclusive = collections.Counter()
for stack in samples:
    for owner, pattern in OWNERS:
        if any(pattern.match(frame) for frame in stack):
            inclusive[owner] += 1
for owner, _ in OWNERS:
    print(f"  {inclusive[owner] * 100 / max(total, 1):5.1f}%  stack passes through {owner}")
methods = collections.Counter()
for stack in samples:
    for frame in set(stack):
        if frame.startswith("labstacks.") or frame.startswith("com.pulumi.deployment.internal.DeploymentImpl"):
            methods[frame] += 1
print("inclusive, selected methods:")
for method, count in methods.most_common(15):
    print(f"  {count * 100 / max(total, 1):5.1f}%  {method}")
# Each sample charged to the owner of its innermost non-JDK frame: where the CPU time was spent,
# whichever code called into the JDK.
leaf = collections.Counter()
for stack in samples:
    owner = next((name for frame in stack for name, pattern in OWNERS if pattern.match(frame)), "JDK only")
    leaf[owner] += 1
print("self time, by owner of the innermost non-JDK frame:")
for owner, count in leaf.most_common():
    print(f"  {count * 100 / max(total, 1):5.1f}%  {owner}")
top = collections.Counter(stack[0] for stack in samples if stack)
print("top frames:")
for method, count in top.most_common(15):
    print(f"  {count * 100 / max(total, 1):5.1f}%  {method}")
