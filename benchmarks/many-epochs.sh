#!/usr/bin/env bash
# Many short epochs through jouletrace.targets: the hand-written loop ShortEpochs (no framework),
# run/epoch/step methods named in the agent arguments, with and without the agent in interleaved
# pairs (order alternating per pair). Cases: 10 000 epochs of ~0.5 ms and 100 000 of ~1 ms (4 busy
# steps each; MANY_CASES="epochs:micros ..." to change). Per run:
#   - training: wall time of ShortEpochs.run (the program's own nanoTime);
#   - exit held: process end as seen by this shell minus the wall clock printed as the last thing
#     main does (what the agent's shutdown adds to the JVM's exit);
#   - heap retained: used heap after System.gc() twice once training is over, with minus without;
#   - what the report holds: epochs in report.json (and whether their indexes run 0..n-1 in order),
#     data rows in epochs.csv, run status (counted with python3, benchmarks/stats.py).
# Usage: benchmarks/many-epochs.sh [runs=3]
#   AGENT_JAR (default agent/target/jouletrace-agent.jar); MANY_AGENT_ARGS extra agent arguments
#   after the targets (default none); KEEP_REPORTS=1 keeps the agent's report folders.
# Wall time, 3 runs: 32 minutes measured with the pre-issue-8 agent on 2 cores shared with other
# builds (load ~10, which also stretches the busy steps: 100 000 epochs took 120-215 s without the
# agent, 300-460 s with it). On 2 idle cores expect about 11 minutes once the agent keeps up (each
# 100 000-epoch JVM trains ~100 s).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${1:-3}
cases=${MANY_CASES:-10000:500 100000:1000}
main=com.acme.loop.ShortEpochs
targets="targets=$main#run:run,$main#epoch:epoch,$main#step:step"
agent_args=$targets${MANY_AGENT_ARGS:+,$MANY_AGENT_ARGS}

timed_java many-warmup without "" $main --epochs 1000 --epoch-micros 100

rows=()
notes=()
for spec in $cases; do
  epochs=${spec%%:*}
  micros=${spec##*:}
  name="many-$epochs"
  : >"$OUT/$name.records"
  for ((i = 1; i <= runs; i++)); do
    echo "many-epochs: $epochs epochs of $micros µs, pair $i of $runs" >&2
    if ((i % 2)); then order=(without with); else order=(with without); fi
    declare -A training exit_held heap wall
    for mode in "${order[@]}"; do
      run="$name-$i-$mode"
      timed_java "$run" "$mode" "$agent_args" $main --epochs "$epochs" --epoch-micros "$micros"
      training[$mode]=$(stats value "$OUT/$run.out" training)
      heap[$mode]=$(stats value "$OUT/$run.out" heap-used)
      exit_held[$mode]=$((END_MS - $(stats value "$OUT/$run.out" main-end | cut -d. -f1)))
      wall[$mode]=$WALL_MS
    done
    found=$(stats report "$OUT/$name-$i-with.report")
    echo "${training[without]} ${training[with]} ${exit_held[without]} ${exit_held[with]}" \
      "${heap[without]} ${heap[with]} ${wall[without]} ${wall[with]} $found" >>"$OUT/$name.records"
    # what the agent said about falling behind or losing epochs (not its per-epoch lines)
    while IFS= read -r line; do
      notes+=("$epochs epochs, pair $i: $line")
    done < <(grep -iE 'could not|dropp|lost|behind|within [0-9]+ ?ms' "$OUT/$name-$i-with.err" |
      grep -v ' epoch [0-9]*:' | sort | uniq -c | sed 's/^ *//' | head -5)
    [[ ${KEEP_REPORTS:-0} == 1 ]] || rm -rf "$OUT/$name-$i-with.report"
  done
  rows+=("$(stats many "$epochs × ~$micros µs" "$epochs" "$OUT/$name.records")")
done

echo "### Many short epochs (hand-written loop through \`jouletrace.targets\`)"
echo
echo "$runs interleaved pairs per case; agent arguments: \`$agent_args\`. Cells: median over runs"
echo "[IQR] (min–max); report columns list each run's figure."
echo
echo "| Case | Pairs | Training without | Training with | Training with / without (min–max) | Exit held without | Exit held with | Heap retained (with − without) | Whole JVM without | Whole JVM with | Epochs in report.json | Rows in epochs.csv | Run status | Indexes 0..n-1 in order |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
if ((${#notes[@]})); then
  echo
  echo "The agent said (count, line):"
  echo
  printf -- '- %s\n' "${notes[@]}"
fi
echo
echo "Logs: $OUT"
