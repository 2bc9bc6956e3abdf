package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jouletrace.samples.dl4j.Dl4jMlp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code otel.traces.exporter=console} and {@code logging-otlp} print every span, the run span of a
 * training that only ends when the JVM exits included (a user loop of {@code fit(iterator)}: its
 * run is implicit). OpenTelemetry's own exporters of those names log through java.util.logging,
 * whose handlers the JVM has closed by then.
 */
class ConsoleExportersIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ItSettings settings = ItSettings.fromSystemProperties();

  @Test
  void consolePrintsEverySpanEvenTheRunEndingAtExit() throws Exception {
    ForkResult fork = train("console-exporter", "console");

    List<String> spans =
        fork.stderrLines().stream().filter(line -> line.startsWith("'training.")).toList();
    assertThat(spans)
        .extracting(line -> line.substring(0, line.indexOf(" : ")))
        .containsExactly("'training.epoch'", "'training.epoch'", "'training.run'");
    String[] run = spans.get(2).split(" ");
    String trace = run[2];
    String runId = run[3];
    for (String epoch : spans.subList(0, 2)) {
      assertThat(epoch).contains(" " + trace + " ").contains(" parent " + runId + " ");
    }
    assertThat(spans.get(2)).contains("jouletrace.run.implicit=true");
  }

  @Test
  void loggingOtlpPrintsEverySpanEvenTheRunEndingAtExit() throws Exception {
    ForkResult fork = train("logging-otlp-exporter", "logging-otlp");

    List<JsonNode> spans = new ArrayList<>();
    for (String line : fork.stderrLines()) {
      if (line.startsWith("{\"resource\"")) {
        for (JsonNode scope : JSON.readTree(line).path("scopeSpans")) {
          scope.path("spans").forEach(spans::add);
        }
      }
    }
    assertThat(spans)
        .extracting(span -> span.path("name").asText())
        .containsExactly("training.epoch", "training.epoch", "training.run");
    Map<String, JsonNode> byName =
        spans.stream()
            .collect(
                Collectors.toMap(
                    span -> span.path("name").asText(), Function.identity(), (a, b) -> a));
    JsonNode run = byName.get("training.run");
    for (JsonNode epoch : spans.subList(0, 2)) {
      assertThat(epoch.path("traceId").asText()).isEqualTo(run.path("traceId").asText());
      assertThat(epoch.path("parentSpanId").asText()).isEqualTo(run.path("spanId").asText());
    }
  }

  private ForkResult train(String name, String exporter) throws Exception {
    ForkResult fork =
        ForkedJvm.of(settings, name, Dl4jMlp.class)
            .systemProperty("otel.traces.exporter", exporter)
            .appArgs(
                "--mode",
                "user-loop",
                "--epochs",
                String.valueOf(ExporterFaultsIT.EPOCHS),
                "--rows",
                String.valueOf(ExporterFaultsIT.ROWS))
            .run();
    assertThat(fork.exitCode()).as(fork.describe()).isZero();
    assertThat(fork.stderrLines()).noneMatch(line -> line.contains("not delivered"));
    return fork;
  }
}
