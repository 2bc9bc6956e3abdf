#!/usr/bin/env bash
# Whole-JVM cost of several agent jars side by side: the DL4J sample (Dl4jEpochTimes,
# fit(iterator, n)) without the agent and with each jar, in rounds whose order rotates, so that
# drift on the machine falls on every side alike. Per side: median wall time (fork to exit, as seen
# by this shell) and median CPU time (user + system, GNU time), each with min-max and what it adds
# over the run without the agent. For a before/after of a change: build the older commit's jar
# aside (cp agent/target/jouletrace-agent.jar /tmp/before.jar) and pass both.
# Usage: benchmarks/compare-jars.sh [rounds=8] [dl4j_epochs=30] JAR [JAR...]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
rounds=${1:-8}
epochs=${2:-30}
shift 2 || true
(($# > 0)) || {
  echo "usage: benchmarks/compare-jars.sh [rounds] [dl4j_epochs] JAR [JAR...]" >&2
  exit 2
}
TIME=/usr/bin/time
[[ -x $TIME ]] || {
  echo "needs GNU time (/usr/bin/time; Debian package time)" >&2
  exit 1
}
sides=(none)
for jar in "$@"; do
  [[ -f $jar ]] || {
    echo "no such jar: $jar" >&2
    exit 1
  }
  sides+=("$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")")
done
n=${#sides[@]}
: >"$OUT/compare.runs"
for ((i = 0; i < rounds; i++)); do
  echo "compare-jars: round $((i + 1)) of $rounds" >&2
  for ((k = 0; k < n; k++)); do
    s=$(((i + k) % n))
    side=${sides[$s]}
    name="compare-$i-$s"
    cmd=("$JAVA" -Dorg.bytedeco.javacpp.cachedir="$CACHE/javacpp")
    if [[ $side != none ]]; then
      cmd+=("-javaagent:$side" -Djouletrace.report.dir="$OUT/$name.report")
    fi
    cmd+=(${JAVA_OPTS:-} -cp "$SAMPLE_CP" dev.jouletrace.samples.bench.Dl4jEpochTimes
      --mode fit-epochs --epochs "$epochs")
    printf '%q ' "${cmd[@]}" >"$OUT/$name.cmd"
    start=$(now_ms)
    "$TIME" -f "%U %S" -o "$OUT/$name.cpu" "${cmd[@]}" >"$OUT/$name.out" 2>"$OUT/$name.err" || {
      echo "$name: failed; see $OUT/$name.err" >&2
      exit 1
    }
    wall=$(($(now_ms) - start))
    echo "$s $wall $(awk '{print $1 + $2}' "$OUT/$name.cpu")" >>"$OUT/compare.runs"
  done
done

python3 - "$OUT/compare.runs" "$rounds" "$epochs" "$(machine_line)" "${sides[@]}" <<'PY'
import statistics, sys
runs, rounds, epochs, machine, sides = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
wall, cpu = {}, {}
for line in open(runs):
    s, w, c = line.split()
    wall.setdefault(int(s), []).append(int(w) / 1000)
    cpu.setdefault(int(s), []).append(float(c))
print(f"### Whole JVM, DL4J `fit(iterator, {epochs})`, by agent jar\n")
print(f"{rounds} rounds, order rotating; {machine}. Cells: median (min–max); added: median minus")
print("the median without the agent.\n")
print("| Agent | Wall | Wall added | CPU (user + system) | CPU added |\n|---|---|---|---|---|")
w0, c0 = statistics.median(wall[0]), statistics.median(cpu[0])
for i, side in enumerate(sides):
    w, c = wall[i], cpu[i]
    mw, mc = statistics.median(w), statistics.median(c)
    label = "without" if side == "none" else side.rsplit("/", 1)[-1]
    print(f"| {label} | {mw:.2f} s ({min(w):.2f}–{max(w):.2f}) | {mw - w0:+.2f} s "
          f"| {mc:.2f} s ({min(c):.2f}–{max(c):.2f}) | {mc - c0:+.2f} s |")
PY
echo "Logs: $OUT"
