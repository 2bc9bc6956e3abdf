package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The agent's observable contract for one framework, checked against a real sample training in a
 * forked JVM.
 *
 * <p>Two forks are shared by all tests of a class: one with the agent exporting OTLP to a loopback
 * receiver, and one with {@code enabled=false}, whose training output is the baseline for "training
 * untouched".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TrainingTraceContract {

  static final int EPOCHS = 3;
  static final int ROWS = 3000;
  static final int BATCH = 64;

  /** ceil(3000 / 64): 46 full batches and one of 56 rows. */
  static final int BATCHES_PER_EPOCH = 47;

  static final double RELATIVE_TOLERANCE = 1e-9;
  static final double JOULES_PER_KWH = 3.6e6;

  private static final Pattern CONSOLE_EPOCH = Pattern.compile("\\bepoch (\\d+)\\b");
  private static final Pattern TIMINGS = Pattern.compile("\\d+\\.\\d+ s\\b");

  ItSettings settings;
  ForkResult traced;
  ForkResult disabled;
  List<ExportedSpan> spans;
  private OtlpReceiver receiver;

  /** {@code jouletrace.framework} value: "djl" or "dl4j". */
  abstract String framework();

  abstract Class<?> sampleMain();

  /** Extra settings for the traced fork. */
  ForkedJvm configureTraced(ForkedJvm fork) {
    return fork;
  }

  static String[] sampleArgs() {
    return new String[] {
      "--epochs",
      String.valueOf(EPOCHS),
      "--rows",
      String.valueOf(ROWS),
      "--batch",
      String.valueOf(BATCH)
    };
  }

  @BeforeAll
  void runSampleTwice() throws Exception {
    settings = ItSettings.fromSystemProperties();
    receiver = OtlpReceiver.start();
    traced =
        configureTraced(
                ForkedJvm.of(settings, framework() + "-traced", sampleMain())
                    .exportingTo(receiver)
                    .appArgs(sampleArgs()))
            .run();
    // The JVM flushes its spans in a shutdown hook, so they normally arrived before it exited.
    spans =
        receiver.awaitSpans(
            received ->
                named(received, "training.run").size() == 1
                    && named(received, "training.epoch").size() >= EPOCHS,
            Duration.ofSeconds(20));
    disabled =
        ForkedJvm.of(settings, framework() + "-disabled", sampleMain())
            .agentArgs("enabled=false")
            .appArgs(sampleArgs())
            .run();
  }

  @AfterAll
  void stopReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void trainingCompletesWithUnchangedOutput() {
    assertThat(traced.exitCode()).as(traced.describe()).isZero();
    assertThat(disabled.exitCode()).as(disabled.describe()).isZero();
    List<String> withAgent = sampleOutput(traced);
    assertThat(withAgent)
        .as("the sample's own epoch lines")
        .filteredOn(line -> line.contains(" epoch "))
        .hasSize(EPOCHS);
    assertThat(withAgent).as("deterministic training output").isEqualTo(sampleOutput(disabled));
    assertThat(traced.stdoutLines()).noneMatch(line -> line.startsWith("[jouletrace]"));
  }

  @Test
  void exportsOneRunSpanWithOneChildSpanPerEpoch() {
    assertThat(receiver.problems()).as("requests the receiver rejected").isEmpty();
    List<ExportedSpan> runs = named(spans, "training.run");
    assertThat(runs).as("run spans").hasSize(1);
    ExportedSpan run = runs.get(0);
    List<ExportedSpan> epochs = named(spans, "training.epoch");
    assertThat(epochs).as("epoch spans").hasSize(EPOCHS);
    for (ExportedSpan epoch : epochs) {
      assertThat(epoch.traceId()).as("trace of %s", epoch).isEqualTo(run.traceId());
      assertThat(epoch.parentSpanId()).as("parent of %s", epoch).isEqualTo(run.spanId());
    }
    assertThat(epochs)
        .extracting(epoch -> epoch.integer("jouletrace.epoch.index"))
        .containsExactlyInAnyOrderElementsOf(LongStream.range(0, EPOCHS).boxed().toList());
  }

  @Test
  void epochSpansCarryEnergyAndCarbon() {
    for (ExportedSpan epoch : epochSpans()) {
      assertThat(epoch.string("jouletrace.framework")).isEqualTo(framework());
      assertThat(epoch.integer("jouletrace.epoch.batches"))
          .as("training batches of %s", epoch)
          .isEqualTo(BATCHES_PER_EPOCH);
      double joules = epoch.decimal("jouletrace.energy.joules");
      assertThat(joules).as("energy of %s", epoch).isPositive();
      assertThat(epoch.string("jouletrace.energy.method"))
          .isIn("measured", "integrated", "estimated");
      double intensity = epoch.decimal("jouletrace.carbon.intensity_g_per_kwh");
      double pue = epoch.decimal("jouletrace.pue");
      assertRelativelyClose(
          "CO2 of " + epoch,
          epoch.decimal("jouletrace.co2.grams"),
          joules / JOULES_PER_KWH * intensity * pue);
    }
  }

  @Test
  void runSpanCarriesTotals() {
    ExportedSpan run = runSpan();
    List<ExportedSpan> epochs = epochSpans();
    assertThat(run.string("jouletrace.framework")).isEqualTo(framework());
    assertThat(run.string("jouletrace.run.status")).isEqualTo("completed");
    assertThat(run.integer("jouletrace.run.epochs")).isEqualTo(EPOCHS);
    // the run is its epochs and the time between them (set-up, after the last epoch)
    double epochsJoules =
        epochs.stream().mapToDouble(e -> e.decimal("jouletrace.energy.joules")).sum();
    double runJoules = run.decimal("jouletrace.energy.joules");
    assertRelativelyClose(
        "run energy",
        runJoules,
        epochsJoules + run.decimal("jouletrace.energy.between_epochs_joules"));
    // one intensity and PUE for the whole run: CO2 in proportion to energy
    assertRelativelyClose(
        "run CO2",
        run.decimal("jouletrace.co2.grams"),
        epochs.stream().mapToDouble(e -> e.decimal("jouletrace.co2.grams")).sum()
            * runJoules
            / epochsJoules);
  }

  @Test
  void reportAgreesWithSpans() throws IOException {
    JsonNode run = RunReport.readSingle(traced.reportDir()).onlyRun();
    assertThat(run.path("framework").asText()).as("reported framework").isEqualTo(framework());
    assertThat(run.path("status").asText()).as("reported status").isEqualTo("completed");
    JsonNode reported = run.path("epochs");
    List<ExportedSpan> epochs = epochSpans();
    assertThat(reported.size()).as("reported epochs").isEqualTo(epochs.size());
    Instant previousEnd = Instant.MIN;
    for (int i = 0; i < reported.size(); i++) {
      JsonNode epoch = reported.get(i);
      ExportedSpan span = epochs.get(i);
      assertThat(epoch.path("index").asLong(-1)).as("index of reported epoch %d", i).isEqualTo(i);
      Instant start = Instant.parse(epoch.path("start").asText());
      Instant end = Instant.parse(epoch.path("end").asText());
      assertThat(start).as("start of epoch %d", i).isAfterOrEqualTo(previousEnd);
      assertThat(end).as("end of epoch %d", i).isAfterOrEqualTo(start);
      assertThat(epoch.path("duration_s").asDouble())
          .as("duration of epoch %d", i)
          .isCloseTo(Duration.between(start, end).toNanos() / 1e9, offset(0.05));
      previousEnd = end;
      assertThat(epoch.path("batches").asLong())
          .as("batches of reported epoch %d", i)
          .isEqualTo(span.integer("jouletrace.epoch.batches"));
      assertThat(epoch.path("energy_method").asText())
          .as("energy_method of reported epoch %d", i)
          .isEqualTo(span.string("jouletrace.energy.method"));
      assertRelativelyClose(
          "energy_j of epoch " + i,
          epoch.path("energy_j").asDouble(),
          span.decimal("jouletrace.energy.joules"));
      assertRelativelyClose(
          "co2_g of epoch " + i,
          epoch.path("co2_g").asDouble(),
          span.decimal("jouletrace.co2.grams"));
    }
    JsonNode totals = run.path("totals");
    assertThat(totals.path("epochs").asLong()).as("totals.epochs").isEqualTo(EPOCHS);
    assertThat(totals.path("duration_s").asDouble()).as("totals.duration_s").isPositive();
    assertRelativelyClose(
        "totals.energy_j",
        totals.path("energy_j").asDouble(),
        runSpan().decimal("jouletrace.energy.joules"));
    // epoch co2_g and the spans' co2.grams are operational; totals.co2_g adds embodied emissions
    assertRelativelyClose(
        "totals.co2_operational_g",
        totals.path("co2_operational_g").asDouble(),
        runSpan().decimal("jouletrace.co2.grams"));
    assertRelativelyClose(
        "totals.co2_embodied_g",
        totals.path("co2_embodied_g").asDouble(),
        runSpan().decimal("jouletrace.co2.embodied_grams"));
    assertRelativelyClose(
        "totals.co2_g",
        totals.path("co2_g").asDouble(),
        runSpan().decimal("jouletrace.co2.total_grams"));
    assertRelativelyClose(
        "totals.co2_g",
        totals.path("co2_g").asDouble(),
        totals.path("co2_operational_g").asDouble() + totals.path("co2_embodied_g").asDouble());
  }

  @Test
  void consolePrintsOneLinePerEpoch() {
    List<Long> printed = new ArrayList<>();
    for (String line : traced.stderrLines()) {
      Matcher epoch = CONSOLE_EPOCH.matcher(line);
      if (line.startsWith("[jouletrace]") && epoch.find()) {
        printed.add(Long.parseLong(epoch.group(1)));
      }
    }
    assertThat(printed)
        .as("epoch indices on [jouletrace] console lines")
        .containsExactlyElementsOf(LongStream.range(0, EPOCHS).boxed().toList());
  }

  @Test
  void disabledAgentTracesNothing() throws IOException {
    assertThat(disabled.exitCode()).as(disabled.describe()).isZero();
    assertThat(RunReport.nothingWritten(disabled.reportDir()))
        .as("report directory %s stays empty", disabled.reportDir())
        .isTrue();
    assertThat(disabled.stderrLines())
        .noneMatch(line -> line.startsWith("[jouletrace]") && CONSOLE_EPOCH.matcher(line).find());
  }

  ExportedSpan runSpan() {
    List<ExportedSpan> runs = named(spans, "training.run");
    assertThat(runs).as("run spans").hasSize(1);
    return runs.get(0);
  }

  /** The epoch spans in index order, asserting there is one per epoch. */
  List<ExportedSpan> epochSpans() {
    List<ExportedSpan> epochs = new ArrayList<>(named(spans, "training.epoch"));
    assertThat(epochs).as("epoch spans").hasSize(EPOCHS);
    epochs.sort(Comparator.comparingLong(epoch -> epoch.integer("jouletrace.epoch.index")));
    return epochs;
  }

  static List<ExportedSpan> named(List<ExportedSpan> spans, String name) {
    return spans.stream().filter(span -> span.name().equals(name)).toList();
  }

  static void assertRelativelyClose(String what, double actual, double expected) {
    assertThat(actual)
        .as(what)
        .isCloseTo(expected, offset(Math.abs(expected) * RELATIVE_TOLERANCE));
  }

  /** The sample's own stdout lines with wall-clock timings blanked out. */
  private List<String> sampleOutput(ForkResult fork) {
    String prefix = sampleMain().getSimpleName() + " ";
    return fork.stdoutLines().stream()
        .filter(line -> line.startsWith(prefix))
        .map(line -> TIMINGS.matcher(line).replaceAll("<t> s"))
        .toList();
  }
}
