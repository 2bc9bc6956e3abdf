package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenTelemetry Java agent and ours in one JVM, in both orders of {@code -javaagent}: our trace
 * stays one trace per run with every epoch a child of its run, the other agent traces nothing of
 * ours (our exporter's HTTP posts included), and its own spans of the application (a span through
 * the OpenTelemetry API with an HTTP call inside) are as they would be without us.
 *
 * <p>Both agents read the same {@code otel.*} settings; the other agent's exporter is pointed at a
 * second receiver through its own configuration file, whose signal-specific endpoint only it reads.
 */
class BesideOtelAgentIT {
  private static final int EPOCHS = 2;
  private static final int ROWS = 640;

  /** Resource keys our spans always have. */
  private static final Set<String> OUR_RESOURCE_KEYS =
      Set.of(
          "service.name",
          "telemetry.sdk.language",
          "telemetry.sdk.name",
          "telemetry.sdk.version",
          "host.name",
          "os.type",
          "process.pid",
          "process.runtime.name");

  /**
   * What else our resource may hold (docs/OTEL.md §2): where it runs and on what devices, but no
   * command line, executable path, user or environment.
   */
  private static final java.util.regex.Pattern OUR_OTHER_RESOURCE_KEYS =
      java.util.regex.Pattern.compile(
          "host\\.(arch|cpu\\.[a-z.]+)|os\\.(description|version)|process\\.runtime\\."
              + "(version|description)|container\\.id|jouletrace\\.[a-z._]+");

  private final ItSettings settings = ItSettings.fromSystemProperties();

  /** The JDK of the forks; this class uses the one running the tests. */
  ForkedJvm onJdk(ForkedJvm fork) {
    return fork;
  }

  @ParameterizedTest(name = "OpenTelemetry agent first: {0}")
  @ValueSource(booleans = {true, false})
  void bothAgentsKeepTheirOwnTraces(boolean otelAgentFirst) throws Exception {
    try (OtlpReceiver ours = OtlpReceiver.start();
        OtlpReceiver theirs = OtlpReceiver.start()) {
      String name = "beside-otel-agent-" + (otelAgentFirst ? "after" : "before");
      Path otelConfig = settings.workDir().resolve(name + "-otel-agent.properties");
      Files.createDirectories(otelConfig.getParent());
      Files.writeString(
          otelConfig, "otel.exporter.otlp.traces.endpoint=" + theirs.endpoint() + "/v1/traces\n");
      ForkResult fork =
          onJdk(ForkedJvm.of(settings, name, TwoAgentsApp.class))
              .otherAgent(otelAgentJar(), otelAgentFirst)
              .systemProperty("otel.javaagent.configuration-file", otelConfig)
              .exportingTo(ours)
              .classpath(applicationClasspath())
              .appArgs("--epochs", String.valueOf(EPOCHS), "--rows", String.valueOf(ROWS))
              .run();

      assertThat(fork.exitCode()).as(fork.describe()).isZero();
      assertThat(fork.stdoutLines()).contains("TwoAgentsApp answer 200 hello");
      assertThat(fork.stderrLines())
          .as(fork.describe())
          .noneMatch(line -> line.contains("could not start"))
          .noneMatch(line -> line.contains("not delivered"));
      JsonNode run = RunReport.readSingle(fork.reportDir()).onlyRun();
      assertThat(run.path("status").asText()).isEqualTo("completed");
      assertThat(run.path("epochs").size()).isEqualTo(EPOCHS);

      // both sides are checked before failing, so that one run shows every difference
      SoftAssertions softly = new SoftAssertions();
      assertOurTraceIsIntact(softly, ours);
      assertTheirSpansAreTheApplicationsOnly(softly, theirs, fork, ours);
      softly.assertAll();
    }
  }

  private static void assertOurTraceIsIntact(SoftAssertions softly, OtlpReceiver ours)
      throws InterruptedException {
    List<ExportedSpan> spans =
        ours.awaitSpans(
            received ->
                TrainingTraceContract.named(received, "training.run").size() == 1
                    && TrainingTraceContract.named(received, "training.epoch").size() == EPOCHS,
            Duration.ofSeconds(20));
    softly.assertThat(ours.problems()).isEmpty();
    softly
        .assertThat(spans)
        .as("every span we exported")
        .extracting(ExportedSpan::name)
        .containsExactlyInAnyOrder("training.run", "training.epoch", "training.epoch");
    ExportedSpan run = TrainingTraceContract.named(spans, "training.run").get(0);
    softly.assertThat(run.parentSpanId()).as("parent of the run span").isEmpty();
    for (ExportedSpan epoch : TrainingTraceContract.named(spans, "training.epoch")) {
      softly.assertThat(epoch.traceId()).as("trace of %s", epoch).isEqualTo(run.traceId());
      softly.assertThat(epoch.parentSpanId()).as("parent of %s", epoch).isEqualTo(run.spanId());
    }
    softly.assertThat(ours.scopeNames()).containsOnly("dev.jouletrace");
    for (Resource resource : ours.resources()) {
      List<String> keys =
          resource.getAttributesList().stream().map(KeyValue::getKey).collect(Collectors.toList());
      softly.assertThat(keys).containsAll(OUR_RESOURCE_KEYS);
      softly
          .assertThat(keys)
          .filteredOn(key -> !OUR_RESOURCE_KEYS.contains(key))
          .allMatch(key -> OUR_OTHER_RESOURCE_KEYS.matcher(key).matches());
    }
  }

  private static void assertTheirSpansAreTheApplicationsOnly(
      SoftAssertions softly, OtlpReceiver theirs, ForkResult fork, OtlpReceiver ours)
      throws InterruptedException {
    String appTrace = printed(fork, "TwoAgentsApp trace ");
    String serverPort = printed(fork, "TwoAgentsApp server-port ");
    List<ExportedSpan> spans =
        theirs.awaitSpans(
            received ->
                !TrainingTraceContract.named(received, "app.work").isEmpty()
                    && received.stream().anyMatch(s -> kind(s) == SpanKind.SPAN_KIND_SERVER),
            Duration.ofSeconds(20));
    softly.assertThat(theirs.problems()).isEmpty();

    String appUrl = "http://127.0.0.1:" + serverPort + "/hello";
    List<ExportedSpan> work = TrainingTraceContract.named(spans, "app.work");
    List<ExportedSpan> clients =
        spans.stream().filter(s -> kind(s) == SpanKind.SPAN_KIND_CLIENT).toList();
    List<ExportedSpan> servers =
        spans.stream().filter(s -> kind(s) == SpanKind.SPAN_KIND_SERVER).toList();
    softly.assertThat(work).as("the application's own span").hasSize(1);
    softly
        .assertThat(clients)
        .as("HTTP client spans: the application's call only")
        .extracting(client -> client.attribute("url.full").map(v -> v.getStringValue()).orElse(""))
        .containsExactly(appUrl);
    softly.assertThat(servers).as("HTTP server spans: the application's server only").hasSize(1);
    if (work.size() == 1 && clients.size() == 1 && servers.size() == 1) {
      // one trace: the application's span, its HTTP call inside it, the server's answer inside that
      softly.assertThat(work.get(0).traceId()).isEqualTo(appTrace);
      softly.assertThat(clients.get(0).traceId()).isEqualTo(appTrace);
      softly.assertThat(clients.get(0).parentSpanId()).isEqualTo(work.get(0).spanId());
      softly.assertThat(servers.get(0).traceId()).isEqualTo(appTrace);
      softly.assertThat(servers.get(0).parentSpanId()).isEqualTo(clients.get(0).spanId());
    }

    String ourPort = ours.endpoint().substring(ours.endpoint().lastIndexOf(':') + 1);
    softly
        .assertThat(spans)
        .as("spans of the other agent about our exporter's requests to port %s", ourPort)
        .noneMatch(
            span ->
                span.attribute("server.port")
                        .filter(port -> String.valueOf(port.getIntValue()).equals(ourPort))
                        .isPresent()
                    || span.attribute("url.full")
                        .filter(url -> url.getStringValue().contains(":" + ourPort + "/"))
                        .isPresent());
    softly.assertThat(spans).noneMatch(span -> span.name().startsWith("training."));
    softly.assertThat(theirs.scopeNames()).doesNotContain("dev.jouletrace");
  }

  private static SpanKind kind(ExportedSpan span) {
    return span.span().getKind();
  }

  private static String printed(ForkResult fork, String prefix) {
    return fork.stdoutLines().stream()
        .filter(line -> line.startsWith(prefix))
        .map(line -> line.substring(prefix.length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + prefix + "... in " + fork.describe()));
  }

  private static Path otelAgentJar() {
    Path jar = Path.of(System.getProperty("jouletrace.it.otelAgentJar", ""));
    assertThat(jar).as("the OpenTelemetry Java agent (fetched by the build)").isRegularFile();
    return jar;
  }

  /** The samples, this test's application class and the application's OpenTelemetry API. */
  private String applicationClasspath() throws URISyntaxException, IOException {
    Path testClasses =
        Path.of(TwoAgentsApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String otelApi =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> entry.matches(".*opentelemetry-(api|context|common)-[0-9.]+\\.jar"))
            .collect(Collectors.joining(File.pathSeparator));
    assertThat(otelApi).as("the OpenTelemetry API on the test class path").contains("api");
    return testClasses
        + File.pathSeparator
        + settings.sampleClasspath()
        + File.pathSeparator
        + otelApi;
  }
}
