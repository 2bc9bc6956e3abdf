/**
 * Training shapes of issue 9, each a small program whose last line on standard output is a {@link
 * dev.jouletrace.samples.shapes.FrameworkReport}: what DL4J, ND4J or DJL itself counted
 * (iterations, epochs, rows, early-stopping result, SameDiff history, DJL training result), for the
 * forked tests to hold the agent's report against.
 *
 * <p>Run one (after {@code mvn -B -pl sample-apps -am package -DskipTests -DskipITs}), from {@code
 * sample-apps/}:
 *
 * <pre>{@code
 * export DJL_OFFLINE=true OPT_OUT_TRACKING=true
 * export DJL_CACHE_DIR=$PWD/target/native-cache/djl ENGINE_CACHE_DIR=$PWD/target/native-cache/djl
 * java -javaagent:../agent/target/jouletrace-agent.jar -Djouletrace.report.dir=target/shape-report \
 *   -Dorg.bytedeco.javacpp.cachedir=$PWD/target/native-cache/javacpp \
 *   -cp "target/classes:$(cat target/sample-classpath.txt)" \
 *   dev.jouletrace.samples.shapes.Dl4jEarlyStoppingShapes --mode max-score
 * }</pre>
 *
 * <table>
 *   <caption>Programs and modes</caption>
 *   <tr><th>Main class</th><th>{@code --mode}</th><th>Other options (default)</th></tr>
 *   <tr><td>{@link dev.jouletrace.samples.shapes.Dl4jMinibatchFits}</td>
 *       <td>xor-dataset, iris-dataset, iris-arrays, iris-multidataset, graph-dataset,
 *       graph-arrays, iterator-loop, batch-list-loop</td>
 *       <td>--calls (200 xor, 100 others), --passes (3), --rows (1000), --batch (64)</td></tr>
 *   <tr><td>{@link dev.jouletrace.samples.shapes.Dl4jEarlyStoppingShapes}</td>
 *       <td>max-score, max-time, max-epochs, scored, every-n, improvement, parallel</td>
 *       <td>--rows (1000), --batch (64), --epochs, --seconds (4), --score-rows (250; 2000 for
 *       scored)</td></tr>
 *   <tr><td>{@link dev.jouletrace.samples.shapes.Dl4jParallelRows}</td><td>loop</td>
 *       <td>--passes (3), --rows (1000), --batch (64)</td></tr>
 *   <tr><td>{@link dev.jouletrace.samples.shapes.SameDiffShapes}</td>
 *       <td>fit-dataset-loop, fit-iterator</td>
 *       <td>--calls (40), --rows (500 loop, 1000 iterator), --batch (64), --epochs (3)</td></tr>
 *   <tr><td>{@link dev.jouletrace.samples.shapes.DjlStepLoops}</td>
 *       <td>dataset-passes, iterate-passes, on-epoch, on-epoch-first</td>
 *       <td>--passes (3), --rows (1000), --batch (64)</td></tr>
 * </table>
 */
package dev.jouletrace.samples.shapes;
