package dev.jouletrace.samples.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * DL4J's Spark parameter averaging on a real {@code local-cluster[2,1,1024]} (a standalone master
 * and two workers in the driver JVM, one executor JVM per worker), with the agent in the driver and
 * in both executors.
 *
 * <p>The agent has no Spark instrumentation yet, and the driver runs no minibatch, so the driver's
 * epochs are declared through {@code jouletrace.targets}: each {@code SparkDl4jMultiLayer.fit(rdd)}
 * is one epoch of an implicit run. The executors train copies of the network through {@code
 * fit(DataSet)}, which the agent counts as batches but never makes epochs of.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkAgentIT {

  static final int EPOCHS = 3;
  static final int WORKERS = 2;
  static final String FRAMEWORK = "dl4j-spark";
  static final String DRIVER_EPOCH_TARGET =
      "org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer"
          + "#fit(org.apache.spark.api.java.JavaRDD):epoch";

  private static final Pattern EPOCH_LINE =
      Pattern.compile("^SparkMlp epoch (\\d+): score=\\S+ dl4j_epoch_count=(\\d+) ");
  private static final Pattern DONE_LINE =
      Pattern.compile("^SparkMlp done in \\S+ s: dl4j_epoch_count=(\\d+) ");
  private static final Pattern AGENT_STARTED =
      Pattern.compile("^\\[jouletrace] Jouletrace .* started: .* report \\S+-pid(\\d+);");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SparkDriverFork fork;
  private SparkDriverFork.Result result;

  @BeforeAll
  void trainOnLocalCluster() throws Exception {
    SparkOnThisJava.assumeSupported();
    fork =
        new SparkDriverFork(
                Path.of(property("jouletrace.it.agentJar")),
                SparkDriverFork.sampleClasspath(
                    Path.of(property("jouletrace.it.classesDir")),
                    Path.of(property("jouletrace.it.classpathFile"))),
                Path.of(property("jouletrace.it.workDir")).resolve("local-cluster"),
                Path.of(property("jouletrace.it.cacheDir")))
            .driverAgentProperty("jouletrace.targets", DRIVER_EPOCH_TARGET)
            .driverAgentProperty("jouletrace.targets.framework", FRAMEWORK);
    result =
        fork.run(
            "--master",
            "local-cluster[" + WORKERS + ",1,1024]",
            "--epochs",
            String.valueOf(EPOCHS),
            "--rows",
            "2560",
            "--batch",
            "64");
  }

  @Test
  void trainingCompletesWithDl4jCountingEveryEpoch() {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    List<String> epochs =
        result.stdout().stream()
            .map(EPOCH_LINE::matcher)
            .filter(Matcher::find)
            .map(m -> "epoch " + m.group(1) + " count " + m.group(2))
            .toList();
    assertThat(epochs)
        .as("sample epoch lines: index and DL4J's epoch count after it")
        .containsExactly("epoch 0 count 1", "epoch 1 count 2", "epoch 2 count 3");
    assertThat(dl4jEpochCount()).isEqualTo(EPOCHS);
  }

  @Test
  void driverReportHasTheRunWithDl4jsEpochCount() throws IOException {
    JsonNode report = JSON.readTree(onlyReportFolder(fork.driverReports()).toFile());
    assertThat(report.path("jvm").path("main").asText()).isEqualTo(SparkMlp.class.getName());
    JsonNode runs = report.path("runs");
    assertThat(runs.size()).as("runs in the driver's report").isEqualTo(1);
    JsonNode run = runs.get(0);
    assertThat(run.path("framework").asText()).isEqualTo(FRAMEWORK);
    assertThat(run.path("status").asText()).isEqualTo("completed");
    assertThat(run.path("implicit").asBoolean()).isTrue();
    JsonNode epochs = run.path("epochs");
    assertThat(epochs.size()).as("driver epochs = DL4J's epoch count").isEqualTo(dl4jEpochCount());
    assertThat(IntStream.range(0, epochs.size()).map(i -> epochs.get(i).path("index").asInt()))
        .containsExactly(0, 1, 2);
    for (JsonNode epoch : epochs) {
      assertThat(epoch.path("status").asText()).isEqualTo("completed");
    }
    assertThat(run.path("totals").path("epochs").asInt()).isEqualTo(EPOCHS);
  }

  @Test
  void eachExecutorIsItsOwnJvmStartedWithTheAgent() throws IOException {
    Path app = onlyChild(fork.sparkHome().resolve("work"));
    String driverPid =
        JSON.readTree(onlyReportFolder(fork.driverReports()).toFile())
            .path("jvm")
            .path("pid")
            .asText();
    List<String> executorPids =
        IntStream.range(0, WORKERS).mapToObj(id -> executorAgentPid(app, id)).toList();
    assertThat(executorPids).doesNotHaveDuplicates().doesNotContain(driverPid);
  }

  /** The pid in the agent's start line of executor {@code id}, after checking its command line. */
  private String executorAgentPid(Path app, int id) {
    try {
      List<String> stderr = SparkDriverFork.read(app.resolve(String.valueOf(id)).resolve("stderr"));
      String launch =
          stderr.stream()
              .filter(l -> l.startsWith("Spark Executor Command:"))
              .findFirst()
              .orElse("");
      assertThat(launch)
          .as("executor %d launch line", id)
          .contains("\"-javaagent:" + property("jouletrace.it.agentJar") + "\"")
          .contains("\"--executor-id\" \"" + id + "\"")
          .contains("\"--hostname\" \"127.0.0.1\"");
      return stderr.stream()
          .map(AGENT_STARTED::matcher)
          .filter(Matcher::find)
          .map(m -> m.group(1))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no agent start line in executor " + id));
    } catch (IOException e) {
      throw new AssertionError("executor " + id + " left no stderr in " + app, e);
    }
  }

  private int dl4jEpochCount() {
    return result.stdout().stream()
        .map(DONE_LINE::matcher)
        .filter(Matcher::find)
        .mapToInt(m -> Integer.parseInt(m.group(1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no done line; " + result.describe()));
  }

  private static Path onlyReportFolder(Path reports) throws IOException {
    return onlyChild(reports).resolve("report.json");
  }

  private static Path onlyChild(Path dir) throws IOException {
    assertThat(dir).isDirectory();
    try (Stream<Path> children = Files.list(dir)) {
      List<Path> all = children.toList();
      assertThat(all).as("entries of %s", dir).hasSize(1);
      return all.get(0);
    }
  }

  private static String property(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + key + " is not set; run the tests through failsafe (mvn verify)");
    }
    return value;
  }
}
