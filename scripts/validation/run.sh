#!/usr/bin/env bash
# NVML validation on a machine with an NVIDIA GPU: the probe against an independent reading of the
# same counter, idle and under load from another process, for windows of 0.1, 1 and 10 s.
# Needs: the built agent (mvn -B -DskipTests -DskipITs install) and a Java runtime (JAVA env var, or a jlink
# image in .jlink/jre: jlink --add-modules java.base,java.management,java.logging,jdk.unsupported
#   --output .jlink/jre), Python with PyTorch on the GPU machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
java=${JAVA:-.jlink/jre/bin/java}
impl=agent/target/agent-staging/jouletrace-agent-impl.jar
out=${OUT:-target/validation}
mkdir -p "$out"
nvidia-smi --query-gpu=name,uuid,driver_version,power.limit --format=csv > "$out/gpus.csv" || true
"$java" -cp "$impl" scripts/validation/NvmlWindowCheck.java idle 5 > "$out/idle.csv"
python3 scripts/validation/gpu_load.py 200 &
load=$!
sleep 5 # let the load reach steady state
"$java" -cp "$impl" scripts/validation/NvmlWindowCheck.java loaded 5 > "$out/loaded.csv"
wait "$load"
cat "$out/idle.csv" "$out/loaded.csv"
