#!/usr/bin/env bash
# Start-up cost of the agent, interleaved pairs with and without it (order alternating per pair):
#   - time before main: RuntimeMXBean.getUptime() at main entry of a trivial main (TimeToMain),
#     which with -javaagent includes premain; and that JVM's whole wall time;
#   - whole-JVM wall time of the DL4J sample (Dl4jEpochTimes, fit(iterator, n), 30 epochs of 24
#     batches), as seen by this shell from fork to exit.
# Usage: benchmarks/startup.sh [runs=5] [dl4j_epochs=30, or STARTUP_DL4J_EPOCHS]
#   AGENT_JAR (default agent/target/jouletrace-agent.jar); STARTUP_AGENT_ARGS agent arguments for
#   the "with" side (default none).
# Wall time, 3 runs: 2.5 minutes measured on 2 cores shared with other builds (load ~10); on 2 idle
# cores expect about 2 minutes for 5 runs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${1:-5}
dl4j_epochs=${2:-${STARTUP_DL4J_EPOCHS:-30}}
agent_args=${STARTUP_AGENT_ARGS:-}
bench=dev.jouletrace.samples.bench

echo "startup: warm-up" >&2
timed_java startup-warmup-main without "" $bench.TimeToMain
timed_java startup-warmup-main-agent with "$agent_args" $bench.TimeToMain
timed_java startup-warmup-dl4j without "" $bench.Dl4jEpochTimes --mode fit-epochs --epochs 2

: >"$OUT/startup.uptime.pairs"
: >"$OUT/startup.main-wall.pairs"
: >"$OUT/startup.dl4j-wall.pairs"
for ((i = 1; i <= runs; i++)); do
  echo "startup: pair $i of $runs" >&2
  if ((i % 2)); then order=(without with); else order=(with without); fi
  declare -A uptime main_wall dl4j_wall
  for mode in "${order[@]}"; do
    timed_java "startup-main-$i-$mode" "$mode" "$agent_args" $bench.TimeToMain
    main_wall[$mode]=$WALL_MS
    uptime[$mode]=$(stats value "$OUT/startup-main-$i-$mode.out" uptime-at-main)
  done
  for mode in "${order[@]}"; do
    timed_java "startup-dl4j-$i-$mode" "$mode" "$agent_args" \
      $bench.Dl4jEpochTimes --mode fit-epochs --epochs "$dl4j_epochs"
    dl4j_wall[$mode]=$WALL_MS
  done
  echo "${uptime[without]} ${uptime[with]}" >>"$OUT/startup.uptime.pairs"
  echo "${main_wall[without]} ${main_wall[with]}" >>"$OUT/startup.main-wall.pairs"
  echo "${dl4j_wall[without]} ${dl4j_wall[with]}" >>"$OUT/startup.dl4j-wall.pairs"
done

echo "### Start-up"
echo
echo "$runs interleaved pairs; agent arguments: ${agent_args:-none (defaults)}. Cells: median over"
echo "runs [IQR] (min–max). Agent jar: $(stat -c %s "$AGENT_JAR" | awk '{printf "%d bytes (%.2f MiB)", $1, $1 / 1048576}')."
echo
echo "| What | Pairs | Without agent | With agent | With / without, median of pairs (min–max) | Difference, median of pairs |"
echo "|---|---|---|---|---|---|"
stats pairs "Time before \`main\` (JVM uptime at main entry)" ms "$OUT/startup.uptime.pairs"
stats pairs "Whole JVM, trivial main" s "$OUT/startup.main-wall.pairs"
stats pairs "Whole JVM, DL4J \`fit(iterator, $dl4j_epochs)\`" s "$OUT/startup.dl4j-wall.pairs"
echo
echo "Logs: $OUT"
