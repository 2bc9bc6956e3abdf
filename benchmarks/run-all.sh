#!/usr/bin/env bash
# Runs every A/B benchmark of issue 8 (steady-epoch.sh, startup.sh, many-epochs.sh) and prints one
# Markdown summary with the machine, the JDK, the date and the commit, for docs/BENCHMARKS.md.
# The JMH figure of the per-batch advice is separate: benchmarks/advice-jmh.sh.
# Usage: benchmarks/run-all.sh [runs=5]
#   runs applies to steady-epoch.sh and startup.sh; many-epochs.sh uses MANY_RUNS (default 3).
#   The scripts' own variables pass through (STEADY_EPOCHS, STARTUP_DL4J_EPOCHS, MANY_CASES, ...).
#   AGENT_JAR (default agent/target/jouletrace-agent.jar); BENCH_OUT keeps every log in one folder.
# Wall time: 42 minutes measured with 3 and 3 runs and the pre-issue-8 agent on 2 cores shared with
# other builds; on 2 idle cores expect about 20 minutes with 5 and 3 runs once the agent keeps up.
# Timing lives here and in the scripts, never in pass/fail tests.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${1:-5}
many_runs=${MANY_RUNS:-3}
export AGENT_JAR BENCH_OUT="$OUT"

commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$ROOT" status --porcelain 2>/dev/null | grep -q . && echo " (with uncommitted changes)" || true)
started=$(date -u +%Y-%m-%dT%H:%MZ)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

steady=$("$BENCH_DIR/steady-epoch.sh" "$runs")
startup=$("$BENCH_DIR/startup.sh" "$runs")
many=$("$BENCH_DIR/many-epochs.sh" "$many_runs")

echo "## Agent overhead, with and without the agent (issue 8)"
echo
echo "- Machine: $(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc) CPUs (nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); $(uname -sr)"
echo "- JDK: $("$JAVA" -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')"
echo "- Date: $started to $(date -u +%Y-%m-%dT%H:%MZ); load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- Commit: $commit$dirty; agent jar: $AGENT_JAR ($(stat -c %s "$AGENT_JAR" | awk '{printf "%d bytes, %.2f MiB", $1, $1 / 1048576}'))"
echo "- Environment: OMP_NUM_THREADS=${OMP_NUM_THREADS:-unset}; JAVA_OPTS=${JAVA_OPTS:-none}"
echo "- Command: benchmarks/run-all.sh $runs (MANY_RUNS=$many_runs)"
echo
echo "$steady" | grep -v '^Logs: '
echo
echo "$startup" | grep -v '^Logs: '
echo
echo "$many" | grep -v '^Logs: '
echo
echo "Logs: $OUT"
