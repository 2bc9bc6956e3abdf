#!/usr/bin/env bash
# Where the agent's start-up cost goes, for the DL4J sample (Dl4jEpochTimes, fit(iterator, n)):
# runs without and with the agent (interleaved, `runs` pairs) and reports, per side, the median of
#   - CPU time of the whole JVM (user + system, from /usr/bin/time), and its wall time;
#   - classes loaded (-Xlog:class+load), with the agent's own split by source: Byte Buddy, JNA,
#     Jouletrace, JDK;
#   - methods the JIT compiled and its compile time (-XX:+CITime);
# and, from the agent's debug lines of the last "with" run, how long its background start took by
# phase and how long each framework class waited for it and took to weave on the loading thread.
# Counts are stable on a loaded machine; times are not: say the load average with them.
# Usage: benchmarks/startup-anatomy.sh [runs=3] [dl4j_epochs=5]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${1:-3}
epochs=${2:-5}
bench=dev.jouletrace.samples.bench
TIME=/usr/bin/time
[[ -x $TIME ]] || {
  echo "needs GNU time (/usr/bin/time; Debian package time)" >&2
  exit 1
}

one() { # one NAME MODE
  local name=$1 mode=$2 cmd=("$JAVA" -Dorg.bytedeco.javacpp.cachedir="$CACHE/javacpp"
    -Xlog:class+load=info:file="$OUT/$1.classes" -XX:+UnlockDiagnosticVMOptions -XX:+CITime)
  if [[ $mode == with ]]; then
    cmd+=("-javaagent:$AGENT_JAR=debug=true" -Djouletrace.report.dir="$OUT/$name.report")
  fi
  cmd+=(-cp "$SAMPLE_CP" $bench.Dl4jEpochTimes --mode fit-epochs --epochs "$epochs")
  "$TIME" -f "cpu-seconds %U %S wall-seconds %e" "${cmd[@]}" >"$OUT/$name.out" 2>"$OUT/$name.err"
}

for ((i = 1; i <= runs; i++)); do
  echo "startup-anatomy: pair $i of $runs" >&2
  if ((i % 2)); then order=(without with); else order=(with without); fi
  for mode in "${order[@]}"; do one "anatomy-$i-$mode" "$mode"; done
done

python3 - "$OUT" "$runs" "$AGENT_JAR" <<'PY'
import re, statistics, sys
out, runs, jar = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def figures(name):
        # CITime prints on standard output, GNU time and the agent on standard error
    err = open(f"{out}/{name}.err").read() + open(f"{out}/{name}.out").read()
    cpu = re.search(r"cpu-seconds ([\d.]+) ([\d.]+) wall-seconds ([\d.]+)", err)
    c1 = re.search(r"C1 \{.*?standard:\s+([\d.]+) s, \d+ bytes, (\d+) methods", err)
    c2 = re.search(r"C2 \{.*?standard:\s+([\d.]+) s, \d+ bytes, (\d+) methods", err)
    total = re.search(r"Total compilation time\s+:\s+([\d.]+) s", err)
    src = {"byte buddy": 0, "jna": 0, "jouletrace": 0, "other agent jar": 0, "all": 0}
    for line in open(f"{out}/{name}.classes"):
        parts = line.split()
        if len(parts) < 2:
            continue
        src["all"] += 1
        if jar in line:
            cls = parts[1]
            key = ("byte buddy" if cls.startswith("net.bytebuddy") else "jna" if cls.startswith("com.sun.jna")
                   else "jouletrace" if cls.startswith("dev.jouletrace") else "other agent jar")
            src[key] += 1
    return {
        "CPU time, user + system (s)": float(cpu.group(1)) + float(cpu.group(2)),
        "wall time (s)": float(cpu.group(3)),
        "classes loaded": src["all"],
        "  of them from the agent jar: Byte Buddy": src["byte buddy"],
        "  of them from the agent jar: JNA": src["jna"],
        "  of them from the agent jar: Jouletrace": src["jouletrace"],
        "  of them from the agent jar: other": src["other agent jar"],
        "JIT: C1 methods": int(c1.group(2)), "JIT: C1 time (s)": float(c1.group(1)),
        "JIT: C2 methods": int(c2.group(2)), "JIT: C2 time (s)": float(c2.group(1)),
        "JIT: total compile time (s)": float(total.group(1)),
    }
rows = {m: [figures(f"anatomy-{i}-{m}") for i in range(1, runs + 1)] for m in ("without", "with")}
print(f"### Start-up anatomy\n\n{runs} interleaved pairs, DL4J `fit(iterator, n)`; medians.\n")
print("| Figure | Without agent | With agent | Added |\n|---|---|---|---|")
for key in rows["without"][0]:
    a = statistics.median(r[key] for r in rows["without"])
    b = statistics.median(r[key] for r in rows["with"])
    fmt = (lambda v: f"{v:.2f}") if isinstance(a, float) else (lambda v: f"{v:.0f}")
    print(f"| {key} | {fmt(a)} | {fmt(b)} | {fmt(b - a)} |")
last = open(f"{out}/anatomy-{runs}-with.err").read()
print("\nThe agent's own account (debug lines of the last run with it):\n")
for line in last.splitlines():
    if "debug: ready after" in line or " waited " in line or "premain returned" in line:
        print("    " + line.replace("[jouletrace] debug: ", ""))
PY
echo
echo "Logs: $OUT"
