#!/usr/bin/env bash
# Whole-JVM overhead of the agent on the sample trainings: runs each sample N times without and
# with -javaagent, interleaved, and prints median wall times and their ratio. Timing lives here,
# never in pass/fail tests. Usage: scripts/overhead.sh [runs=5] [extra sample args...]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
cache="$PWD/sample-apps/target/native-cache"
export DJL_CACHE_DIR="$cache/djl" ENGINE_CACHE_DIR="$cache/djl"
agent="$PWD/agent/target/jouletrace-agent.jar"
cp="$PWD/sample-apps/target/classes:$(cat sample-apps/target/sample-classpath.txt)"
[[ -f "$agent" ]] || { echo "build first: mvn -B -DskipTests -DskipITs install" >&2; exit 1; }
reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
wall() { # prints seconds
  local start end
  start=$(date +%s.%N)
  java "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'
}

for main in dev.jouletrace.samples.djl.DjlMlp dev.jouletrace.samples.dl4j.Dl4jMlp; do
  base=(-Dorg.bytedeco.javacpp.cachedir="$cache/javacpp" -cp "$cp" "$main" "$@")
  wall "${base[@]}" >/dev/null # warm the native caches
  without=() with=()
  for ((i = 0; i < runs; i++)); do
    without+=("$(wall "${base[@]}")")
    with+=("$(wall -javaagent:"$agent" -Djouletrace.report.dir="$reports" "${base[@]}")")
  done
  m0=$(printf '%s\n' "${without[@]}" | median)
  m1=$(printf '%s\n' "${with[@]}" | median)
  awk -v m="$main" -v n="$runs" -v a="$m0" -v b="$m1" \
    'BEGIN {printf "%-34s runs=%d  without %.2f s  with %.2f s  ratio %.2f  (+%.2f s)\n", m, n, a, b, b / a, b - a}'
done
