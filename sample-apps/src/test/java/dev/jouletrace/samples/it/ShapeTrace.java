package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * One sample training shape run in a forked JVM with the agent, its spans received over OTLP on
 * 127.0.0.1 and its report read, with the structural assertions every shape shares.
 */
final class ShapeTrace {
  static final int ROWS = 3000;
  static final int BATCH = 64;

  /** ceil(3000 / 64). */
  static final int BATCHES_PER_EPOCH = 47;

  final ForkResult fork;
  final List<ExportedSpan> spans;
  final JsonNode report;

  private ShapeTrace(ForkResult fork, List<ExportedSpan> spans, JsonNode report) {
    this.fork = fork;
    this.spans = spans;
    this.report = report;
  }

  /**
   * Runs {@code main --mode mode --epochs epochs} and waits until {@code runs} run spans and {@code
   * epochs} epoch spans in all have arrived.
   */
  static ShapeTrace run(
      ItSettings settings,
      Class<?> main,
      String mode,
      int epochs,
      int runs,
      int totalEpochs,
      UnaryOperator<ForkedJvm> configure)
      throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      ForkedJvm fork =
          ForkedJvm.of(settings, main.getSimpleName() + "-" + mode + "-" + epochs, main)
              .exportingTo(receiver)
              .appArgs(
                  "--mode",
                  mode,
                  "--epochs",
                  String.valueOf(epochs),
                  "--rows",
                  String.valueOf(ROWS),
                  "--batch",
                  String.valueOf(BATCH));
      ForkResult result = configure.apply(fork).run();
      assertThat(result.exitCode()).as(result.describe()).isZero();
      List<ExportedSpan> spans =
          receiver.awaitSpans(
              received ->
                  named(received, "training.run").size() >= runs
                      && named(received, "training.epoch").size() >= totalEpochs,
              Duration.ofSeconds(20));
      assertThat(receiver.problems()).as("requests the receiver rejected").isEmpty();
      assertThat(result.stderrLines())
          .as("agent warnings and internal errors")
          .noneMatch(line -> settings.isUnexpectedWarning(line) || line.contains("internal"));
      // a unit is checked when one of its classes is about to be used or loads, so a unit that
      // does not apply is said at most once, and not at all where the training never comes near it
      for (String unit : settings.skippedUnits()) {
        assertThat(result.stderrLines())
            .as("the agent says at most once that it skips %s on these frameworks", unit)
            .filteredOn(line -> line.startsWith(ItSettings.skipWarning(unit)))
            .hasSizeLessThanOrEqualTo(1);
      }
      return new ShapeTrace(result, spans, RunReport.readSingle(result.reportDir()).root());
    }
  }

  /** What a fork started elsewhere left: its result, the spans received, its report's root. */
  static ShapeTrace of(ForkResult fork, List<ExportedSpan> spans, JsonNode report) {
    return new ShapeTrace(fork, spans, report);
  }

  static ShapeTrace run(ItSettings settings, Class<?> main, String mode, int epochs, int runs)
      throws Exception {
    return run(settings, main, mode, epochs, runs, runs * epochs, fork -> fork);
  }

  List<ExportedSpan> runSpans() {
    return named(spans, "training.run");
  }

  /** The report's runs. */
  List<JsonNode> reportedRuns() {
    List<JsonNode> runs = new ArrayList<>();
    report.path("runs").forEach(runs::add);
    return runs;
  }

  /**
   * Asserts one run, in the report and as spans: its status and flags, epochs indexed 0..n-1 with
   * the given status and batches, each epoch span a child of the run span in its trace.
   */
  void assertRun(
      JsonNode run,
      String status,
      boolean implicit,
      boolean attachedLate,
      int epochs,
      int batches) {
    long number = run.path("number").asLong();
    assertThat(run.path("status").asText()).as("status of run %d", number).isEqualTo(status);
    assertThat(run.path("implicit").asBoolean()).as("implicit, run %d", number).isEqualTo(implicit);
    assertThat(run.path("attached_late").asBoolean())
        .as("attached_late, run %d", number)
        .isEqualTo(attachedLate);
    JsonNode reported = run.path("epochs");
    assertThat(reported.size()).as("epochs of run %d", number).isEqualTo(epochs);
    for (int i = 0; i < reported.size(); i++) {
      JsonNode epoch = reported.get(i);
      assertThat(epoch.path("index").asInt(-1)).as("index, run %d", number).isEqualTo(i);
      assertThat(epoch.path("status").asText()).isEqualTo("completed");
      if (batches >= 0) {
        assertThat(epoch.path("batches").asLong())
            .as("batches of run %d epoch %d", number, i)
            .isEqualTo(batches);
      }
    }

    List<ExportedSpan> runSpans =
        runSpans().stream().filter(s -> s.integer("jouletrace.run.number") == number).toList();
    assertThat(runSpans).as("run span of run %d", number).hasSize(1);
    ExportedSpan runSpan = runSpans.get(0);
    assertThat(runSpan.string("jouletrace.run.status")).isEqualTo(status);
    List<ExportedSpan> children =
        new ArrayList<>(
            named(spans, "training.epoch").stream()
                .filter(e -> e.parentSpanId().equals(runSpan.spanId()))
                .toList());
    children.sort(Comparator.comparingLong(e -> e.integer("jouletrace.epoch.index")));
    assertThat(children)
        .as("epoch spans under run %d", number)
        .extracting(e -> e.integer("jouletrace.epoch.index"))
        .containsExactlyElementsOf(IntStream.range(0, epochs).mapToObj(i -> (long) i).toList());
    assertThat(children).allSatisfy(e -> assertThat(e.traceId()).isEqualTo(runSpan.traceId()));
  }

  static List<ExportedSpan> named(List<ExportedSpan> spans, String name) {
    return spans.stream().filter(span -> span.name().equals(name)).toList();
  }
}
