#!/usr/bin/env bash
# Builds Jouletrace and trains a real DJL MLP and a real DL4J MLP with the agent attached, on the
# embedded defaults: console lines on stderr and a report under ./jouletrace-reports.
# No network access at run time: DJL is kept offline, and no trace exporter is configured.
set -euo pipefail
cd "$(dirname "$0")/.."

# DJL would otherwise contact a cloud metadata address at start-up.
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
cache="$PWD/sample-apps/target/native-cache"
export DJL_CACHE_DIR="$cache/djl" ENGINE_CACHE_DIR="$cache/djl"

if [[ "${SKIP_BUILD:-}" != "true" ]]; then
  mvn -B -q -DskipTests -DskipITs -Dspotless.check.skip=true install
fi

agent="$PWD/agent/target/jouletrace-agent.jar"
cp="$PWD/sample-apps/target/classes:$(cat sample-apps/target/sample-classpath.txt)"
java_opts=(-javaagent:"$agent" -Dorg.bytedeco.javacpp.cachedir="$cache/javacpp" -cp "$cp")

echo "== DJL: EasyTrain.fit, 3 epochs =="
java "${java_opts[@]}" dev.jouletrace.samples.djl.DjlMlp --epochs 3 "$@"
echo
echo "== DL4J: MultiLayerNetwork.fit(iterator, 3) =="
java "${java_opts[@]}" dev.jouletrace.samples.dl4j.Dl4jMlp --epochs 3 "$@"
echo
echo "Reports: $(ls -d "$PWD"/jouletrace-reports/* | tail -2 | tr '\n' ' ')"
