#!/usr/bin/env bash
# Where the start-up time of the weaving goes: Byte Buddy's type pool describing DL4J's
# MultiLayerNetwork, the first Advice made, new ByteBuddy(), one decorate-and-make, Jouletrace's
# transformer and its first weave of MultiLayerNetwork, each timed in a fresh JVM (cold), then the
# same weaves of MultiLayerNetwork, ComputationGraph and Solver repeated (warm). Prints the median
# over runs of each step (the warm ones: median over runs of the median of their 5 rounds).
# Source: agent/src/test/java/dev/jouletrace/agent/internal/bench/WeaveColdStart.java. It compiles
# the agent's test classes (with -am, so this worktree's modules are used) and reads DL4J's class
# files from the sample apps' class path (build them first, see benchmarks/README.md).
# Usage: benchmarks/weave-cold.sh [runs=5]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${1:-5}
cd "$ROOT"
nice -n 5 mvn -B -q -pl agent -am -DskipTests -DskipITs test-compile
nice -n 5 mvn -B -q -pl agent dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="agent/target/test-classes:agent/target/classes:native-probes/target/classes:otel-exporter/target/classes"
cp="$cp:$(cat agent/target/test-classpath.txt)"
for ((i = 1; i <= runs; i++)); do
  echo "weave-cold: run $i of $runs" >&2
  "$JAVA" -cp "$cp" dev.jouletrace.agent.internal.bench.WeaveColdStart \
    sample-apps/target/sample-classpath.txt >"$OUT/weave-cold-$i.out"
done
python3 - "$OUT" "$runs" "$(machine_line)" <<'PY'
import statistics, sys
out, runs, machine = sys.argv[1], int(sys.argv[2]), sys.argv[3]
order, per_run = [], []
for i in range(1, runs + 1):
    steps = {}
    for line in open(f"{out}/weave-cold-{i}.out"):
        if line.startswith("step "):
            name, ms = line[5:].rstrip("\n").rsplit("\t", 1)
            if name not in order:
                order.append(name)
            steps.setdefault(name, []).append(float(ms))
    per_run.append({k: statistics.median(v) for k, v in steps.items()})
print(f"### Weaving, cold and warm\n\n{runs} fresh JVMs; {machine}. Milliseconds, median over runs.\n")
print("| Step | ms (min–max over runs) |\n|---|---|")
for name in order:
    v = [r[name] for r in per_run]
    print(f"| {name} | {statistics.median(v):.1f} ({min(v):.1f}–{max(v):.1f}) |")
PY
echo "Logs: $OUT"
