package dev.jouletrace.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.RunEnd;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.probe.EnergyMethod;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A figure a probe fault touched (docs/PROBES.md §6) carries its method and the reason in every
 * output: the epoch and run spans, report.json (epoch and totals) and epochs.jsonl.
 */
class MethodReasonTest {
  private static final String REASON = "probe nvml read hung";

  @TempDir Path dir;

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final TraceWriter traces = new TraceWriter(provider.get("test"));
  private final List<String> problems = new ArrayList<>();

  @Test
  void aFaultsReasonReachesSpansReportAndEpochLog() throws IOException {
    ReportFiles report =
        new ReportFiles(
            dir, EnumSet.allOf(ReportFormat.class), Map.of(), List.of(), problems::add, Map::of);
    RunLedger run = Records.run("dl4j", 2, false);
    report.runStarted(run);
    traces.runStarted(run);
    EpochRecord clean = Records.epoch(0, 10, EnergyMethod.MEASURED);
    EpochRecord touched =
        Records.builder(1)
            .energy(Records.cpu(10, EnergyMethod.MEASURED).estimatedBecause(REASON))
            .build();
    for (EpochRecord e : List.of(clean, touched)) {
      var account = Records.add(run, e);
      report.epochFinished(run, account);
      traces.epochFinished(run, account);
    }
    run.finish(new RunEnd(1, RunStatus.COMPLETED, Records.T0.plusSeconds(20), null));
    report.runFinished(run);
    traces.runFinished(run);
    report.close(System.nanoTime() + 5_000_000_000L);

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans.get(0).getAttributes().get(TraceAttributes.ENERGY_METHOD))
        .isEqualTo("measured");
    assertThat(spans.get(0).getAttributes().get(TraceAttributes.ENERGY_METHOD_REASON)).isNull();
    assertThat(spans.get(1).getAttributes().get(TraceAttributes.ENERGY_METHOD))
        .isEqualTo("estimated");
    assertThat(spans.get(1).getAttributes().get(TraceAttributes.ENERGY_METHOD_REASON))
        .isEqualTo(REASON);
    SpanData runSpan = spans.get(2);
    assertThat(runSpan.getAttributes().get(TraceAttributes.ENERGY_METHOD)).isEqualTo("estimated");
    assertThat(runSpan.getAttributes().get(TraceAttributes.ENERGY_METHOD_REASON)).isEqualTo(REASON);

    ObjectMapper json = new ObjectMapper();
    JsonNode r = json.readTree(dir.resolve("report.json").toFile()).get("runs").get(0);
    assertThat(r.get("epochs").get(0).get("energy_method_reason").isNull()).isTrue();
    assertThat(r.get("epochs").get(1).get("energy_method").asText()).isEqualTo("estimated");
    assertThat(r.get("epochs").get(1).get("energy_method_reason").asText()).isEqualTo(REASON);
    assertThat(r.get("totals").get("energy_method_reason").asText()).isEqualTo(REASON);
    List<String> lines = Files.readAllLines(dir.resolve("epochs.jsonl"));
    assertThat(json.readTree(lines.get(1)).get("energy_method_reason").asText()).isEqualTo(REASON);
  }
}
