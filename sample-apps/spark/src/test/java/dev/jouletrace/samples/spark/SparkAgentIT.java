package dev.jouletrace.samples.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * DL4J's Spark parameter averaging on a real {@code local-cluster[2,1,1024]} (a standalone master
 * and two workers in the driver JVM, one executor JVM per worker), with the agent in the driver and
 * in both executors, and no configuration beyond where the spans go: the built-in {@code
 * dl4j-spark} unit makes each {@code SparkDl4jMultiLayer.fit(rdd)} an epoch of an implicit run, and
 * each worker function call in an executor a task window (docs/FRAMEWORKS.md §17, §18).
 *
 * <p>Every JVM exports to one loopback OTLP receiver; all spans must form one trace, the executors'
 * task spans children of the driver's epoch spans, and the per-executor energy must add up to the
 * run's total in the spans and in the driver's report.json.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkAgentIT {

  static final int EPOCHS = 3;
  static final int WORKERS = 2;
  static final String FRAMEWORK = "dl4j-spark";

  /** Two energies that are sums of the same figures in another order. */
  static final double SAME_SUM = 1e-9;

  private static final Pattern EPOCH_LINE =
      Pattern.compile("^SparkMlp epoch (\\d+): score=\\S+ dl4j_epoch_count=(\\d+) ");
  private static final Pattern DONE_LINE =
      Pattern.compile("^SparkMlp done in \\S+ s: dl4j_epoch_count=(\\d+) ");
  private static final Pattern AGENT_STARTED =
      Pattern.compile("^\\[jouletrace] Jouletrace .* started: .* report \\S+-pid(\\d+);");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SparkDriverFork fork;
  private SparkDriverFork.Result result;
  private OtlpTraceReceiver receiver;

  @BeforeAll
  void trainOnLocalCluster() throws Exception {
    SparkOnThisJava.assumeSupported();
    receiver = OtlpTraceReceiver.start();
    fork =
        new SparkDriverFork(
                Path.of(property("jouletrace.it.agentJar")),
                SparkDriverFork.sampleClasspath(
                    Path.of(property("jouletrace.it.classesDir")),
                    Path.of(property("jouletrace.it.classpathFile"))),
                Path.of(property("jouletrace.it.workDir")).resolve("local-cluster"),
                Path.of(property("jouletrace.it.cacheDir")))
            .exportSpansTo(receiver.endpoint());
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

  @AfterAll
  void stopReceiver() {
    if (receiver != null) {
      receiver.close();
    }
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
  void driverReportSplitsTheRunsEnergyByExecutor() throws IOException {
    JsonNode run = onlyRun();
    JsonNode totals = run.path("totals");
    double total = totals.path("energy_j").asDouble();
    JsonNode executors = totals.path("executors");
    assertThat(ids(executors)).as("energy by executor").containsExactly("driver", "0", "1");
    double sum = 0;
    for (JsonNode e : executors) {
      assertThat(e.path("energy_j").asDouble()).as("energy of %s", e).isPositive();
      assertThat(e.path("host").asText()).as("host of %s", e).isEqualTo("127.0.0.1");
      sum += e.path("energy_j").asDouble();
    }
    assertThat(sum).as("driver + executors = the run's total").isCloseTo(total, within(total));
    assertThat(total - executors.get(0).path("energy_j").asDouble())
        .isCloseTo(totals.path("executors_energy_j").asDouble(), within(total));
    for (JsonNode epoch : run.path("epochs")) {
      double own = epoch.path("own_energy_j").asDouble();
      double fromExecutors = 0;
      for (JsonNode e : epoch.path("executors")) {
        assertThat(e.path("tasks").asLong()).as("tasks of %s", e).isPositive();
        assertThat(e.path("batches").asLong()).as("batches of %s", e).isPositive();
        fromExecutors += e.path("energy_j").asDouble();
      }
      assertThat(ids(epoch.path("executors")))
          .as("executors of epoch %s", epoch.path("index"))
          .containsExactlyInAnyOrder("0", "1");
      assertThat(own + fromExecutors)
          .as("epoch %s: own + executors", epoch.path("index"))
          .isCloseTo(epoch.path("energy_j").asDouble(), within(total));
    }
  }

  @Test
  void everyJvmsSpansFormOneTraceWithTheExecutorsTasksUnderTheDriversEpochs()
      throws IOException, InterruptedException {
    JsonNode run = onlyRun();
    long tasks = 0;
    for (JsonNode e : run.path("totals").path("executors")) {
      tasks += e.path("tasks").asLong();
    }
    long expectedTasks = tasks;
    List<OtlpTraceReceiver.Span> spans =
        receiver.await(
            all ->
                count(all, "training.run") == 1
                    && count(all, "training.epoch") == EPOCHS
                    && count(all, "training.executor_task") == expectedTasks,
            Duration.ofSeconds(30));
    assertThat(receiver.problems()).isEmpty();
    assertThat(count(spans, "training.executor_task"))
        .as("task spans = task windows the driver's report counts")
        .isEqualTo(expectedTasks)
        .isPositive();
    assertThat(spans.stream().map(OtlpTraceReceiver.Span::traceId).distinct())
        .as("one trace over the driver and both executors")
        .hasSize(1);

    OtlpTraceReceiver.Span runSpan = only(spans, "training.run");
    Map<String, OtlpTraceReceiver.Span> epochs = new HashMap<>();
    for (OtlpTraceReceiver.Span epoch : named(spans, "training.epoch")) {
      assertThat(epoch.parentSpanId()).isEqualTo(runSpan.spanId());
      epochs.put(epoch.spanId(), epoch);
    }
    Map<String, Double> byExecutor = new TreeMap<>();
    Map<String, Double> byEpoch = new HashMap<>();
    for (OtlpTraceReceiver.Span task : named(spans, "training.executor_task")) {
      OtlpTraceReceiver.Span epoch = epochs.get(task.parentSpanId());
      assertThat(epoch).as("parent of task %s", task.attributes()).isNotNull();
      assertThat(task.number("jouletrace.epoch.index"))
          .isEqualTo(epoch.number("jouletrace.epoch.index"));
      assertThat(task.string("jouletrace.spark.executor.id")).isIn("0", "1");
      assertThat(task.string("jouletrace.spark.executor.host")).isEqualTo("127.0.0.1");
      assertThat(task.resource().get("service.name")).isEqualTo("spark-executor");
      double joules = task.number("jouletrace.energy.joules");
      assertThat(joules).isPositive();
      byExecutor.merge(task.string("jouletrace.spark.executor.id"), joules, Double::sum);
      byEpoch.merge(epoch.spanId(), joules, Double::sum);
    }
    double total = runSpan.number("jouletrace.energy.joules");
    double executors = runSpan.number("jouletrace.energy.executors_joules");
    assertThat(byExecutor.values().stream().mapToDouble(Double::doubleValue).sum())
        .as("Σ task spans = the run span's executors' part")
        .isCloseTo(executors, within(total));
    for (OtlpTraceReceiver.Span epoch : epochs.values()) {
      assertThat(byEpoch.getOrDefault(epoch.spanId(), 0.0))
          .as("Σ task spans of epoch %s", epoch.number("jouletrace.epoch.index"))
          .isCloseTo(epoch.number("jouletrace.energy.executors_joules"), within(total));
    }
    // the same figures reach the driver's report through Spark
    JsonNode reported = run.path("totals").path("executors");
    for (JsonNode e : reported) {
      String id = e.path("executor_id").asText();
      if (!id.equals("driver")) {
        assertThat(byExecutor.get(id))
            .as("executor %s in spans and in report.json", id)
            .isCloseTo(e.path("energy_j").asDouble(), within(total));
      }
    }
    assertThat(total).isCloseTo(run.path("totals").path("energy_j").asDouble(), within(total));
  }

  private static org.assertj.core.data.Offset<Double> within(double total) {
    return org.assertj.core.data.Offset.offset(Math.max(1e-12, Math.abs(total) * SAME_SUM));
  }

  private static List<String> ids(JsonNode executors) {
    List<String> ids = new ArrayList<>();
    executors.forEach(e -> ids.add(e.path("executor_id").asText()));
    return ids;
  }

  private static long count(List<OtlpTraceReceiver.Span> spans, String name) {
    return named(spans, name).size();
  }

  private static List<OtlpTraceReceiver.Span> named(
      List<OtlpTraceReceiver.Span> spans, String name) {
    return spans.stream().filter(s -> s.name().equals(name)).toList();
  }

  private static OtlpTraceReceiver.Span only(List<OtlpTraceReceiver.Span> spans, String name) {
    List<OtlpTraceReceiver.Span> found = named(spans, name);
    assertThat(found).as("spans named %s", name).hasSize(1);
    return found.get(0);
  }

  private JsonNode onlyRun() throws IOException {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    JsonNode runs = JSON.readTree(onlyReportFolder(fork.driverReports()).toFile()).path("runs");
    assertThat(runs.size()).as("runs in the driver's report").isEqualTo(1);
    return runs.get(0);
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
