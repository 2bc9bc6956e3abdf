# Shared by the benchmark scripts (sourced, not run): environment, class path, one timed JVM run.
# Every JVM runs offline (DJL_OFFLINE, OPT_OUT_TRACKING), with native caches under
# sample-apps/target/native-cache, and without inherited OTEL_*, JOULETRACE_* or JVM-option
# variables, so the agent runs with its default settings unless a script says otherwise.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR="$ROOT/benchmarks"
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
CACHE="$ROOT/sample-apps/target/native-cache"
export DJL_CACHE_DIR="$CACHE/djl" ENGINE_CACHE_DIR="$CACHE/djl"
for var in $(compgen -e); do
  case "$var" in
    OTEL_* | JOULETRACE_* | JAVA_TOOL_OPTIONS | JDK_JAVA_OPTIONS | _JAVA_OPTIONS) unset "$var" ;;
  esac
done

AGENT_JAR=${AGENT_JAR:-$ROOT/agent/target/jouletrace-agent.jar}
[[ -f "$AGENT_JAR" ]] || {
  echo "agent jar $AGENT_JAR not found: build first (mvn -B -DskipTests install) or set AGENT_JAR" >&2
  exit 1
}
AGENT_JAR=$(cd "$(dirname "$AGENT_JAR")" && pwd)/$(basename "$AGENT_JAR")
[[ -f "$ROOT/sample-apps/target/sample-classpath.txt" && -d "$ROOT/sample-apps/target/classes/dev/jouletrace/samples/bench" ]] || {
  echo "sample apps not built: mvn -B -DskipTests -DskipITs -pl sample-apps -am package" >&2
  exit 1
}
SAMPLE_CP="$ROOT/sample-apps/target/classes:$(cat "$ROOT/sample-apps/target/sample-classpath.txt")"
JAVA=${JAVA:-java}
# Where logs and reports go; the scripts say where at the end. BENCH_OUT keeps them in one place.
OUT=${BENCH_OUT:-$(mktemp -d -t jouletrace-bench.XXXXXX)}
mkdir -p "$OUT"

now_ms() { date +%s%3N; }

# timed_java NAME MODE AGENT_ARGS MAIN [ARGS...]
#   MODE is "with" or "without" the agent; AGENT_ARGS (may be empty) go after -javaagent:jar=.
#   Standard output goes to $OUT/NAME.out, standard error to $OUT/NAME.err, the agent's report to
#   $OUT/NAME.report/. Sets WALL_MS (process start to end, as seen by this shell), END_MS (wall
#   clock when the process had ended) and RC. A failing JVM stops the script.
timed_java() {
  local name=$1 mode=$2 agent_args=$3 main=$4
  shift 4
  local cmd=("$JAVA" -Dorg.bytedeco.javacpp.cachedir="$CACHE/javacpp")
  if [[ $mode == with ]]; then
    cmd+=("-javaagent:$AGENT_JAR${agent_args:+=$agent_args}" -Djouletrace.report.dir="$OUT/$name.report")
  fi
  cmd+=(${JAVA_OPTS:-} -cp "$SAMPLE_CP" "$main" "$@")
  printf '%q ' "${cmd[@]}" >"$OUT/$name.cmd"
  local start
  start=$(now_ms)
  RC=0
  "${cmd[@]}" >"$OUT/$name.out" 2>"$OUT/$name.err" || RC=$?
  END_MS=$(now_ms)
  WALL_MS=$((END_MS - start))
  if ((RC != 0)); then
    echo "$name: exit $RC; see $OUT/$name.err" >&2
    tail -5 "$OUT/$name.err" >&2
    exit 1
  fi
}

# Statistics and report counting (python3).
stats() { python3 "$BENCH_DIR/stats.py" "$@"; }

machine_line() {
  local cpu
  cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')
  echo "$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc) CPUs (${cpu:-unknown CPU}), $("$JAVA" -version 2>&1 | head -1), load average" \
    "$(cut -d' ' -f1-3 /proc/loadavg)${OMP_NUM_THREADS:+, OMP_NUM_THREADS=$OMP_NUM_THREADS}"
}
