#!/usr/bin/env bash
# JMH: the per-batch advice on the training thread. One call of a step() method instrumented through
# jouletrace.targets by the real installer, inside an open epoch with the real TrainingLifecycle on
# the bridge, against the same call uninstrumented; ns/op and B/op (gc.alloc.rate.norm, -prof gc).
# Source: agent/src/test/java/dev/jouletrace/agent/internal/bench/StepAdviceBenchmark.java.
#
# Usage: benchmarks/advice-jmh.sh [JMH options...]
#   no options: 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement, GC profiler (about 30 s on 2 cores);
#   with options they go to JMH's own command line instead, e.g. -f 3 -wi 5 -i 10 -prof gc.
# It compiles the agent's test classes (with -am, so this worktree's modules are used), writes the
# test class path to agent/target/test-classpath.txt and runs the benchmark. Never part of verify.
set -euo pipefail
cd "$(dirname "$0")/.."
nice -n 5 mvn -B -q -pl agent -am -DskipTests -DskipITs test-compile
nice -n 5 mvn -B -q -pl agent dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
# the agent's own modules come from this worktree's build, not from the local repository
cp="agent/target/test-classes:agent/target/classes:native-probes/target/classes:otel-exporter/target/classes"
cp="$cp:$(cat agent/target/test-classpath.txt)"
if (($# == 0)); then
  exec java -cp "$cp" dev.jouletrace.agent.internal.bench.StepAdviceBenchmark
fi
exec java -cp "$cp" org.openjdk.jmh.Main StepAdviceBenchmark "$@"
