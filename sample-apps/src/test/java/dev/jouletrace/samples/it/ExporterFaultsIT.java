package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jouletrace.samples.dl4j.Dl4jMlp;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A DL4J training whose span exporter points at an endpoint that fails: refused, accepting and
 * never answering, answering 4xx or 5xx, or slow. Each time the training's exit code, output and
 * report are those of the same training without an exporter, the JVM exits within the exit budget,
 * and the spans that did not arrive are said once.
 *
 * <p>The exit bound is a correctness bound, not a performance figure: the agent gives its outputs
 * {@value #EXIT_BUDGET_SECONDS} s after the application's last line; the test allows {@value
 * #SLACK_SECONDS} s more for the JVM's own teardown on a loaded machine. Before the bounded flush,
 * a never-answering endpoint held the exit about 5.4 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExporterFaultsIT {
  static final int EPOCHS = 2;
  static final int ROWS = 640;

  /** ceil(640 / 64). */
  static final int BATCHES_PER_EPOCH = 10;

  static final long EXIT_BUDGET_SECONDS = 2;
  static final long SLACK_SECONDS = 3;

  private static final Duration EXIT_BOUND =
      Duration.ofSeconds(EXIT_BUDGET_SECONDS + SLACK_SECONDS);
  private static final String LAST_LINE = "Dl4jMlp done in";
  private static final Pattern TIMINGS = Pattern.compile("\\d+\\.\\d+ s\\b");

  private final ItSettings settings = ItSettings.fromSystemProperties();
  private ForkResult baseline;

  @BeforeAll
  void trainWithoutExporter() throws Exception {
    baseline = fork("faults-baseline").run();
    assertThat(baseline.exitCode()).as(baseline.describe()).isZero();
  }

  @Test
  void refusedEndpoint() throws Exception {
    try (FaultyEndpoint endpoint = FaultyEndpoint.refusing()) {
      Faulted run = runAgainst("faults-refused", endpoint.url());

      run.assertTrainingAsWithoutExporter();
      run.assertSaidOnce(endpoint.url(), "connection refused");
    }
  }

  @Test
  void endpointThatAcceptsAndNeverAnswers() throws Exception {
    try (FaultyEndpoint endpoint = FaultyEndpoint.silent()) {
      // the exporter's own timeout would wait a minute; the exit does not
      Faulted run =
          runAgainst(
              "faults-silent",
              endpoint.url(),
              fork -> fork.systemProperty("otel.exporter.otlp.timeout", 60_000));

      run.assertTrainingAsWithoutExporter();
      run.assertSaidOnce(endpoint.url(), "no answer before the exit deadline");
      assertThat(endpoint.requests()).as("requests the endpoint read").isPositive();
    }
  }

  @Test
  void endpointAnsweringAClientError() throws Exception {
    try (FaultyEndpoint endpoint = FaultyEndpoint.answering(400, "Bad Request")) {
      Faulted run = runAgainst("faults-400", endpoint.url());

      run.assertTrainingAsWithoutExporter();
      // nothing to retry: every export failed at once, the last one during the exit flush
      assertThat(run.undeliveredLines())
          .containsExactly(
              "[jouletrace] WARNING: 3 spans were not delivered to "
                  + endpoint.url()
                  + "/v1/traces: HTTP 400 Bad Request");
    }
  }

  @Test
  void endpointAnsweringAServerError() throws Exception {
    try (FaultyEndpoint endpoint = FaultyEndpoint.answering(503, "Service Unavailable")) {
      Faulted run = runAgainst("faults-503", endpoint.url());

      run.assertTrainingAsWithoutExporter();
      // 503 is retried with back-off, so the exit may find an export between two attempts
      run.assertSaidOnce(endpoint.url(), "HTTP 503 Service Unavailable");
      assertThat(endpoint.requests()).as("attempts, retries included").isGreaterThan(1);
    }
  }

  @Test
  void slowEndpointConfiguredThroughEnvironmentVariables() throws Exception {
    // answers each request 300 ms late: slower than a collector, well within the exit budget
    try (OtlpReceiver receiver = OtlpReceiver.startAnsweringAfter(Duration.ofMillis(300))) {
      Faulted run =
          measure(
              fork("faults-slow")
                  .environment("OTEL_TRACES_EXPORTER", "otlp")
                  .environment("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
                  .environment("OTEL_BSP_SCHEDULE_DELAY", "200")
                  .environment("OTEL_SERVICE_NAME", "slow-backend-training"));

      run.assertTrainingAsWithoutExporter();
      assertThat(run.undeliveredLines()).isEmpty();
      List<ExportedSpan> spans = receiver.spans();
      assertThat(spans)
          .extracting(ExportedSpan::name)
          .containsExactlyInAnyOrder("training.epoch", "training.epoch", "training.run");
      ExportedSpan runSpan = TrainingTraceContract.named(spans, "training.run").get(0);
      assertThat(TrainingTraceContract.named(spans, "training.epoch"))
          .allSatisfy(epoch -> assertThat(epoch.parentSpanId()).isEqualTo(runSpan.spanId()));
      // the relocated SDK still reads the OTEL_* variables
      assertThat(receiver.resources())
          .allSatisfy(
              resource ->
                  assertThat(resource.getAttributesList())
                      .filteredOn(kv -> kv.getKey().equals("service.name"))
                      .extracting(KeyValue::getValue)
                      .extracting(value -> value.getStringValue())
                      .containsExactly("slow-backend-training"));
    }
  }

  private ForkedJvm fork(String name) {
    return ForkedJvm.of(settings, name, Dl4jMlp.class)
        .appArgs("--epochs", String.valueOf(EPOCHS), "--rows", String.valueOf(ROWS));
  }

  private Faulted runAgainst(String name, String url) throws Exception {
    return runAgainst(name, url, fork -> fork);
  }

  private Faulted runAgainst(
      String name, String url, java.util.function.UnaryOperator<ForkedJvm> configure)
      throws Exception {
    return measure(
        configure.apply(
            fork(name)
                .systemProperty("otel.traces.exporter", "otlp")
                .systemProperty("otel.exporter.otlp.endpoint", url)
                .systemProperty("otel.bsp.schedule.delay", 200)));
  }

  /** Runs the fork, timing from the application's last line to the JVM's exit. */
  private Faulted measure(ForkedJvm fork) throws Exception {
    ForkedJvm.Running running = fork.start();
    boolean lastLine = running.awaitOutput(LAST_LINE, ForkedJvm.TIMEOUT);
    long lastLineSeen = System.nanoTime();
    ForkResult result = running.await();
    Duration exitHold = Duration.ofNanos(System.nanoTime() - lastLineSeen);
    assertThat(lastLine).as("the application finished: %s", result.describe()).isTrue();
    System.out.printf(
        "%s: JVM exit %d ms after the application's last line%n",
        result.name(), exitHold.toMillis());
    return new Faulted(result, exitHold);
  }

  /** A training run against a failing endpoint, and how long its JVM took to exit. */
  private final class Faulted {
    private final ForkResult fork;
    private final Duration exitHold;

    Faulted(ForkResult fork, Duration exitHold) {
      this.fork = fork;
      this.exitHold = exitHold;
    }

    void assertTrainingAsWithoutExporter() throws Exception {
      assertThat(fork.exitCode()).as(fork.describe()).isEqualTo(baseline.exitCode());
      assertThat(sampleOutput(fork))
          .as("the training's own output")
          .isEqualTo(sampleOutput(baseline));
      JsonNode run = RunReport.readSingle(fork.reportDir()).onlyRun();
      JsonNode expected = RunReport.readSingle(baseline.reportDir()).onlyRun();
      assertThat(run.path("status").asText()).isEqualTo(expected.path("status").asText());
      assertThat(RunReport.epochs(run))
          .as("finished epochs in report.json")
          .isEqualTo(RunReport.epochs(expected));
      assertThat(RunReport.epochs(run))
          .containsExactly("0 completed " + BATCHES_PER_EPOCH, "1 completed " + BATCHES_PER_EPOCH);
      assertThat(exitHold)
          .as("time from the application's last line to the JVM's exit (%s)", fork.describe())
          .isLessThanOrEqualTo(EXIT_BOUND);
    }

    /** One line saying all three spans (the run and its two epochs) did not arrive, and why. */
    void assertSaidOnce(String url, String reason) throws Exception {
      assertThat(undeliveredLines())
          .as(fork.describe())
          .singleElement()
          .asString()
          .startsWith("[jouletrace] WARNING: 3 spans were not delivered to " + url + "/v1/traces: ")
          .contains(reason);
      // and the report says so too, written again after the flush
      JsonNode export = RunReport.readSingle(fork.reportDir()).root().path("export");
      assertThat(export.path("spans_undelivered").asLong()).as("report.json export").isEqualTo(3);
      assertThat(export.path("spans_undelivered_reasons").path(0).asText()).contains(reason);
    }

    List<String> undeliveredLines() {
      return fork.stderrLines().stream().filter(line -> line.contains("not delivered")).toList();
    }
  }

  /** The sample's own stdout lines with wall-clock timings blanked out. */
  private static List<String> sampleOutput(ForkResult fork) {
    return fork.stdoutLines().stream()
        .filter(line -> line.startsWith("Dl4jMlp "))
        .map(line -> TIMINGS.matcher(line).replaceAll("<t> s"))
        .toList();
  }
}
