package dev.jouletrace.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.RunEnd;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.probe.EnergyMethod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK as the agent builds it, against loopback endpoints that answer well, answer errors,
 * refuse or never answer: what {@link TraceExport#shutdown} says was not delivered.
 */
class TraceExportTest {
  /** A run of two epochs: three spans. */
  private static final int SPANS = 3;

  private final List<String> problems = new ArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }

  @Test
  void everySpanDeliveredLeavesNothingToSay() throws Exception {
    Endpoint endpoint = endpoint("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    TraceExport traces = start(otlp(endpoint.url()));

    writeRun(traces);
    Undelivered undelivered = traces.shutdown(Instant.now().plusSeconds(30));

    assertThat(undelivered.spans()).isZero();
    assertThat(undelivered.messages()).isEmpty();
    assertThat(endpoint.requests()).isEqualTo(1);
    assertThat(problems).isEmpty();
  }

  @Test
  void spansAnEndpointRejectsAreCountedWithItsAnswer() throws Exception {
    Endpoint endpoint = endpoint("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    TraceExport traces = start(otlp(endpoint.url()));

    writeRun(traces);
    Undelivered undelivered = traces.shutdown(Instant.now().plusSeconds(30));

    assertThat(undelivered.spans()).isEqualTo(SPANS);
    assertThat(undelivered.messages())
        .containsExactly(
            "3 spans were not delivered to " + endpoint.url() + "/v1/traces: HTTP 400 Bad Request");
  }

  @Test
  void spansForAnEndpointThatRefusesAreCountedAsRefused() throws Exception {
    String url = "http://127.0.0.1:" + closedPort();
    TraceExport traces = start(otlp(url));

    writeRun(traces);
    // the exporter retries a refused connection with back-off; the deadline cuts that short
    Undelivered undelivered = traces.shutdown(Instant.now().plusSeconds(3));

    assertThat(undelivered.spans()).isEqualTo(SPANS);
    assertThat(undelivered.messages())
        .containsExactly("3 spans were not delivered to " + url + "/v1/traces: connection refused");
  }

  @Test
  void shutdownReturnsAtTheDeadlineWhenTheEndpointNeverAnswers() throws Exception {
    Endpoint endpoint = endpoint(null);
    Map<String, String> properties = otlp(endpoint.url());
    properties.put("otel.exporter.otlp.timeout", "600000");
    TraceExport traces = start(properties);

    writeRun(traces);
    Undelivered undelivered = traces.shutdown(Instant.now().plusSeconds(2));

    assertThat(undelivered.messages())
        .containsExactly(
            "3 spans were not delivered to "
                + endpoint.url()
                + "/v1/traces: no answer before the exit deadline");
  }

  @Test
  void aDeadlineAlreadyPassedWaitsForNothing() throws Exception {
    Endpoint endpoint = endpoint(null);
    TraceExport traces = start(otlp(endpoint.url()));

    writeRun(traces);
    Undelivered undelivered = traces.shutdown(Instant.now().minusSeconds(1));

    assertThat(undelivered.spans()).isEqualTo(SPANS);
    // the flush may or may not have handed the batch to the exporter when the counts are read
    String prefix = "3 spans were not delivered to " + endpoint.url() + "/v1/traces: ";
    assertThat(undelivered.messages())
        .singleElement()
        .isIn(
            prefix + "still queued at the exit deadline",
            prefix + "no answer before the exit deadline");
  }

  @Test
  void consolePrintsEverySpanStraightToTheStream() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.traces.exporter", "console");
    TraceExport traces = start(properties, new PrintStream(console, true, StandardCharsets.UTF_8));

    writeRun(traces);
    Undelivered undelivered = traces.shutdown(Instant.now().plusSeconds(30));

    assertThat(console.toString(StandardCharsets.UTF_8).lines())
        .hasSize(SPANS)
        .allMatch(line -> line.startsWith("'training."));
    assertThat(undelivered.spans()).isZero();
  }

  @Test
  void loggingOtlpPrintsEverySpanFlushedAtShutdown() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.traces.exporter", "logging-otlp");
    properties.put("otel.bsp.schedule.delay", "600000");
    TraceExport traces = start(properties, new PrintStream(console, true, StandardCharsets.UTF_8));

    writeRun(traces);
    assertThat(console.size()).as("nothing printed before the flush").isZero();
    Undelivered undelivered = traces.shutdown(Instant.now().plusSeconds(30));

    String printed = console.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines()).hasSize(1).allMatch(line -> line.startsWith("{\"resource\""));
    assertThat(printed.split("\"name\":\"training\\.", -1)).hasSize(SPANS + 1);
    assertThat(undelivered.spans()).isZero();
  }

  @Test
  void anEndpointAloneSendsSpansButNoMetrics() throws Exception {
    Endpoint endpoint = endpoint("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    TraceExport traces = start(otlp(endpoint.url()));

    assertThat(traces.active()).isTrue();
    assertThat(traces.metricsActive()).isFalse();
    writeRun(traces);
    assertThat(traces.shutdown(Instant.now().plusSeconds(30)).spans()).isZero();
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void aNamedMetricExporterTurnsMetricsOnAndLogsStayOff() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.metrics.exporter", "console");
    properties.put("otel.logs.exporter", "console");
    TraceExport telemetry =
        TraceExport.start(
            TraceExport.Setup.of("test", properties, Map.of(), problems::add)
                .console(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .instruments(
                    meter ->
                        meter
                            .gaugeBuilder("test.gauge")
                            .setUnit("W")
                            .buildWithCallback(m -> m.record(2.5))));

    assertThat(telemetry.active()).as("spans").isFalse();
    assertThat(telemetry.metricsActive()).isTrue();
    Undelivered undelivered = telemetry.shutdown(Instant.now().plusSeconds(30));

    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("metric 'test.gauge' 2.5 W {}");
    assertThat(undelivered.metricPoints()).isZero();
    assertThat(problems).isEmpty();
  }

  @Test
  void metricPointsAnEndpointRefusesAreCountedAndSaid() throws Exception {
    String url = "http://127.0.0.1:" + closedPort();
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.metrics.exporter", "otlp");
    properties.put("otel.exporter.otlp.endpoint", url);
    TraceExport telemetry =
        TraceExport.start(
            TraceExport.Setup.of("test", properties, Map.of(), problems::add)
                .instruments(
                    meter ->
                        meter
                            .counterBuilder("test.counter")
                            .ofDoubles()
                            .buildWithCallback(m -> m.record(7))));

    Undelivered undelivered = telemetry.shutdown(Instant.now().plusSeconds(3));

    assertThat(undelivered.metricPoints()).isEqualTo(1);
    assertThat(undelivered.spans()).isZero();
    assertThat(undelivered.messages())
        .containsExactly(
            "1 metric point was not delivered to " + url + "/v1/metrics: connection refused");
  }

  @Test
  void aTraceparentInTheEnvironmentMakesEveryRunItsChild() throws Exception {
    String printed =
        consoleSpans(
            Map.of("TRACEPARENT", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), null);

    assertThat(printed)
        .contains("'training.run' : 0af7651916cd43dd8448eb211c80319c ")
        .contains(" parent b7ad6b7169203331 ");
    assertThat(problems).isEmpty();
  }

  @Test
  void jouletraceOtelParentStandsForTraceparent() throws Exception {
    String printed =
        consoleSpans(
            Map.of("TRACEPARENT", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
            "00-11111111111111111111111111111111-2222222222222222-01");

    assertThat(printed)
        .contains("'training.run' : 11111111111111111111111111111111 ")
        .contains(" parent 2222222222222222 ");
  }

  @Test
  void aTraceparentThatIsNotOneIsSaidAndEachRunStartsItsOwnTrace() throws Exception {
    String printed = consoleSpans(Map.of("TRACEPARENT", "not-a-traceparent"), null);

    String runLine =
        printed.lines().filter(l -> l.startsWith("'training.run'")).findFirst().orElseThrow();
    assertThat(runLine).doesNotContain(" parent ");
    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith("TRACEPARENT=not-a-traceparent is not a W3C traceparent");
  }

  @Test
  void theResourceSaysWhereButNotTheCommandLineUnlessAskedFor() throws Exception {
    String closed = loggingOtlpResource(false);
    String open = loggingOtlpResource(true);

    for (String resource : List.of(closed, open)) {
      assertThat(resource)
          .contains("\"service.name\",\"value\":{\"stringValue\":\"test\"}")
          .contains("\"host.name\"")
          .contains("\"os.type\"")
          .contains("\"process.pid\"")
          .contains("\"process.runtime.name\"")
          .contains("\"slurm.job.id\",\"value\":{\"stringValue\":\"42\"}")
          .contains("\"jouletrace.gpu.count\",\"value\":{\"intValue\":\"0\"}");
    }
    assertThat(closed).doesNotContain("process.command").doesNotContain("process.executable.path");
    assertThat(open).contains("\"process.executable.path\"").contains("\"process.command");
  }

  private String loggingOtlpResource(boolean processDetails) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.traces.exporter", "logging-otlp");
    properties.put("otel.resource.attributes", "slurm.job.id=42");
    TraceExport traces =
        TraceExport.start(
            TraceExport.Setup.of("test", properties, Map.of(), problems::add)
                .console(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .resource(
                    io.opentelemetry.api.common.Attributes.of(
                        io.opentelemetry.api.common.AttributeKey.longKey("jouletrace.gpu.count"),
                        0L))
                .processDetails(processDetails));
    writeRun(traces);
    traces.shutdown(Instant.now().plusSeconds(30));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    return printed.substring(0, printed.indexOf("\"scopeSpans\""));
  }

  private String consoleSpans(Map<String, String> environment, String parent) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TraceExport traces =
        TraceExport.start(
            TraceExport.Setup.of(
                    "test", Map.of("otel.traces.exporter", "console"), environment, problems::add)
                .console(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .parent(parent));
    writeRun(traces);
    traces.shutdown(Instant.now().plusSeconds(30));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theSdksOwnLogMessagesStayOutOfTheApplicationsLogs() throws Exception {
    List<LogRecord> records = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      // a rejected export makes the SDK log a warning
      Endpoint endpoint = endpoint("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
      TraceExport traces = start(otlp(endpoint.url()));
      writeRun(traces);
      assertThat(traces.shutdown(Instant.now().plusSeconds(30)).spans()).isEqualTo(SPANS);
    } finally {
      root.removeHandler(capture);
    }
    assertThat(records)
        .extracting(LogRecord::getLoggerName)
        .noneMatch(name -> name != null && name.startsWith("io.opentelemetry"));
  }

  @Test
  void aGrpcProtocolIsExplainedAndNothingIsBuilt() {
    Map<String, String> properties = otlp("http://127.0.0.1:4317");
    properties.put("otel.exporter.otlp.protocol", "grpc");

    TraceExport traces = start(properties);

    assertThat(traces.active()).isFalse();
    assertThat(problems).singleElement().asString().startsWith("OTLP protocol grpc is not bundled");
    assertThat(traces.shutdown(Instant.now()).spans()).isZero();
  }

  private TraceExport start(Map<String, String> properties) {
    return start(properties, System.err);
  }

  private TraceExport start(Map<String, String> properties, PrintStream console) {
    TraceExport traces = TraceExport.start("test", properties, Map.of(), problems::add, console);
    resources.add(() -> traces.shutdown(Instant.now()));
    return traces;
  }

  private static Map<String, String> otlp(String url) {
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.traces.exporter", "otlp");
    properties.put("otel.exporter.otlp.endpoint", url);
    // nothing leaves before shutdown: the three spans go in one batch
    properties.put("otel.bsp.schedule.delay", "600000");
    return properties;
  }

  private static void writeRun(TraceExport traces) {
    TraceWriter writer = traces.writer();
    RunLedger run = Records.run("dl4j", 2, false);
    writer.runStarted(run);
    for (int i = 0; i < 2; i++) {
      writer.epochFinished(run, Records.add(run, Records.epoch(i, 100, EnergyMethod.ESTIMATED)));
    }
    run.finish(new RunEnd(1, RunStatus.COMPLETED, Records.T0.plusSeconds(30), null));
    writer.runFinished(run);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, loopback())) {
      return probe.getLocalPort();
    }
  }

  private static InetAddress loopback() throws IOException {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
  }

  private Endpoint endpoint(String answer) throws IOException {
    Endpoint endpoint = new Endpoint(answer);
    resources.add(endpoint);
    return endpoint;
  }

  /**
   * Reads each request whole, then writes {@code answer} (a whole HTTP response) or, when it is
   * null, holds the connection without ever answering.
   */
  private static final class Endpoint implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 50, loopback());
    private final CountDownLatch closed = new CountDownLatch(1);
    private final String answer;
    private int requests;

    Endpoint(String answer) throws IOException {
      this.answer = answer;
      Thread accept = new Thread(this::serve, "test-endpoint");
      accept.setDaemon(true);
      accept.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getLocalPort();
    }

    synchronized int requests() {
      return requests;
    }

    private void serve() {
      while (true) {
        try (Socket socket = server.accept()) {
          readRequest(socket.getInputStream());
          synchronized (this) {
            requests++;
          }
          if (answer == null) {
            closed.await();
            return;
          }
          OutputStream out = socket.getOutputStream();
          out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        } catch (IOException | InterruptedException e) {
          return;
        }
      }
    }

    private static void readRequest(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        head.append((char) b);
      }
      String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
      int at = lower.indexOf("content-length:");
      int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
      in.readNBytes(length);
    }

    @Override
    public void close() throws IOException {
      closed.countDown();
      server.close();
    }
  }
}
