package dev.jouletrace.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.FrameworkOutcome;
import dev.jouletrace.accounting.RunEnd;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.accounting.TrainingMetrics;
import dev.jouletrace.probe.EnergyMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {
  @TempDir Path dir;
  private final List<String> problems = new ArrayList<>();

  private ReportFiles report(Path folder) {
    return new ReportFiles(
        folder,
        EnumSet.allOf(ReportFormat.class),
        Map.of("pid", "42"),
        List.of(Map.of("probe", "rapl", "state", "absent")),
        problems::add,
        Map::of);
  }

  /** Accounts the epoch in the run and hands it to the report, as the export thread does. */
  private static void epoch(ReportFiles report, RunLedger run, EpochRecord epoch) {
    report.epochFinished(run, Records.add(run, epoch));
  }

  private static void finish(ReportFiles report, RunLedger run, RunEnd end) {
    run.finish(end);
    report.runFinished(run);
    report.idle(System.nanoTime());
  }

  private static JsonNode reportJson(Path folder) throws IOException {
    return new ObjectMapper().readTree(folder.resolve("report.json").toFile());
  }

  @Test
  void reportJsonHoldsEveryFinishedEpochAtThePeriodicRenderWhileTheRunGoesOn() throws IOException {
    Path folder = dir.resolve("jvm");
    ReportFiles report = report(folder);
    RunLedger run = Records.run("dl4j", 2, false);
    report.runStarted(run);
    assertThat(folder).doesNotExist();

    epoch(report, run, Records.epoch(0, 3.6e6, EnergyMethod.MEASURED));
    report.idle(System.nanoTime() + ReportFiles.RENDER_INTERVAL_NANOS);

    assertThat(Files.readAllLines(folder.resolve("epochs.jsonl"))).hasSize(1);
    JsonNode json = reportJson(folder);
    JsonNode r = json.get("runs").get(0);
    assertThat(r.get("framework").asText()).isEqualTo("dl4j");
    assertThat(r.get("status").asText()).isEqualTo("running");
    assertThat(r.get("end").isNull()).isTrue();
    JsonNode e = r.get("epochs").get(0);
    assertThat(e.get("index").asInt()).isZero();
    assertThat(e.get("start").asText()).isEqualTo("2026-11-22T10:00:00Z");
    assertThat(e.get("end").asText()).isEqualTo("2026-11-22T10:00:10Z");
    assertThat(e.get("duration_s").asDouble()).isEqualTo(10.0);
    assertThat(e.get("batches").asLong()).isEqualTo(24);
    assertThat(e.get("energy_j").asDouble()).isEqualTo(3.6e6);
    assertThat(e.get("energy_device_j").asDouble()).isEqualTo(7.2e6);
    assertThat(e.get("energy_method").asText()).isEqualTo("measured");
    assertThat(e.get("co2_g").asDouble()).isEqualTo(600.0);
    assertThat(e.get("co2_embodied_g").asDouble()).isEqualTo(2.0);
    assertThat(e.get("carbon_intensity_g_per_kwh").asDouble()).isEqualTo(400.0);
    assertThat(e.get("carbon_intensity_source").asText()).isEqualTo("test source");
    assertThat(e.get("carbon_intensity_year").asInt()).isEqualTo(2024);
    assertThat(e.get("carbon_intensity_level").asText()).isEqualTo("country");
    assertThat(e.get("pue").asDouble()).isEqualTo(1.5);
    assertThat(e.get("train_loss").asDouble()).isEqualTo(0.5);
    assertThat(e.get("validation_loss").isNull()).isTrue();
    assertThat(e.get("domains").get(0).get("id").asText()).isEqualTo("cpu:package-0");
    assertThat(e.get("shared").asBoolean()).isFalse();
    assertThat(e.get("validation").size()).isZero();
    assertThat(e.get("measured_batches").asInt()).isZero();
    assertThat(r.get("framework_outcome").isNull()).isTrue();
    assertThat(json.get("jvm").get("pid").asText()).isEqualTo("42");
    assertThat(json.get("probes").get(0).get("state").asText()).isEqualTo("absent");
    assertThat(problems).isEmpty();
  }

  @Test
  void totalsAreSumsOverEpochsAndEmbodiedIsAddedIntoTheRunTotal() throws IOException {
    Path folder = dir.resolve("jvm");
    ReportFiles report = report(folder);
    RunLedger run = Records.run("dl4j", 2, false);
    report.runStarted(run);
    epoch(report, run, Records.epoch(0, 3.6e6, EnergyMethod.MEASURED));
    epoch(report, run, Records.epoch(1, 1.8e6, EnergyMethod.MEASURED));
    finish(
        report,
        run,
        new RunEnd(
            1,
            RunStatus.EARLY_STOPPED,
            Records.T0.plusSeconds(25),
            new FrameworkOutcome(
                0, 0.25, "ScoreImprovementEpochTerminationCondition", Map.of(0, 0.25, 1, 0.5))));

    JsonNode r = reportJson(folder).get("runs").get(0);
    assertThat(r.get("status").asText()).isEqualTo("early_stopped");
    assertThat(r.get("planned_epochs").asInt()).isEqualTo(2);
    JsonNode outcome = r.get("framework_outcome");
    assertThat(outcome.get("best_epoch").asInt()).isZero();
    assertThat(outcome.get("stop_reason").asText())
        .isEqualTo("ScoreImprovementEpochTerminationCondition");
    assertThat(outcome.get("validation_scores").get("1").asDouble()).isEqualTo(0.5);
    // the framework's validation scores decide the best epoch: epoch 1 (1.8e6 J) came after it
    assertThat(r.get("totals").get("best_epoch").asInt()).isZero();
    assertThat(r.get("totals").get("best_epoch_criterion").asText())
        .isEqualTo("lowest_validation_loss");
    assertThat(r.get("totals").get("energy_after_best_j").asDouble()).isEqualTo(1.8e6);
    JsonNode totals = r.get("totals");
    assertThat(totals.get("epochs").asInt()).isEqualTo(2);
    assertThat(totals.get("duration_s").asDouble()).isEqualTo(25.0);
    assertThat(totals.get("epoch_duration_s").asDouble()).isEqualTo(20.0);
    assertThat(totals.get("energy_j").asDouble()).isEqualTo(5.4e6);
    assertThat(totals.get("co2_operational_g").asDouble()).isEqualTo(900.0);
    assertThat(totals.get("co2_embodied_g").asDouble()).isEqualTo(4.0);
    assertThat(totals.get("co2_g").asDouble()).isEqualTo(904.0);

    String html = Files.readString(folder.resolve("report.html"));
    assertThat(html).contains("<h2>run 1 · dl4j · early_stopped</h2>");
    // one bar per epoch, each of the one (measured) CPU domain, filled solid
    assertThat(html.split("<rect class=\"bar\"", -1)).hasSize(3);
    assertThat(html).contains("fill=\"url(#r0-d0)\"");
    assertThat(html).doesNotContain("<script").doesNotContain("http");

    List<String> csv = Files.readAllLines(folder.resolve("epochs.csv"));
    assertThat(csv).hasSize(3);
    assertThat(csv.get(1)).startsWith("1,dl4j,0,completed,2026-11-22T10:00:00Z,");
  }

  @Test
  void bestEpochEnergyAfterItAndForecastWithItsErrorsAreReported() throws IOException {
    Path folder = dir.resolve("jvm");
    ReportFiles report = report(folder);
    RunLedger run = Records.run("dl4j", 3, false);
    report.runStarted(run);
    double[] losses = {0.5, 0.3, 0.4};
    double[] joules = {1000, 2000, 3000};
    for (int i = 0; i < 3; i++) {
      epoch(
          report,
          run,
          Records.builder(i)
              .batches(10)
              .samples(640L)
              .metrics(TrainingMetrics.of(losses[i], Double.NaN, Double.NaN, Double.NaN))
              .energy(Records.cpu(joules[i], EnergyMethod.MEASURED))
              .build());
    }
    finish(report, run, new RunEnd(1, RunStatus.COMPLETED, Records.T0.plusSeconds(30), null));

    JsonNode r = reportJson(folder).get("runs").get(0);
    JsonNode totals = r.get("totals");
    assertThat(totals.get("best_epoch").asInt()).isEqualTo(1);
    assertThat(totals.get("best_epoch_criterion").asText()).isEqualTo("lowest_training_loss");
    assertThat(totals.get("energy_after_best_j").asDouble()).isEqualTo(3000.0);
    assertThat(totals.get("energy_after_best_share").asDouble()).isEqualTo(0.5);
    JsonNode e1 = r.get("epochs").get(1);
    assertThat(e1.get("samples").asLong()).isEqualTo(640);
    assertThat(e1.get("samples_per_joule").asDouble()).isEqualTo(0.32);
    assertThat(e1.get("loss_improvement_per_kj").asDouble()).isCloseTo(0.1, within(1e-12));
    JsonNode forecast = r.get("forecast");
    // the last forecast is made with one epoch left: 1000 + 2000 + 1 × mean(1000, 2000)
    assertThat(forecast.get("after_epochs").asInt()).isEqualTo(2);
    assertThat(forecast.get("energy_j").get("point").asDouble()).isEqualTo(4500.0);
    assertThat(forecast.get("energy_j").get("low").asDouble()).isLessThan(4500.0);
    assertThat(forecast.get("energy_j").get("high").asDouble()).isGreaterThan(4500.0);
    JsonNode firstError = forecast.get("errors").get(0);
    assertThat(firstError.get("after_epochs").asInt()).isEqualTo(1);
    // after epoch 0 the forecast was 3 × 1000 J; the run used 6000 J
    assertThat(firstError.get("energy_relative_error").asDouble()).isEqualTo(-0.5);
  }

  @Test
  void reportJsonIsNotRenderedPerEpochButAtTheRunsEnd() throws IOException {
    Path folder = dir.resolve("jvm");
    ReportFiles report = report(folder);
    RunLedger run = Records.run("dl4j", 3, false);
    report.runStarted(run);
    for (int i = 0; i < 3; i++) {
      epoch(report, run, Records.epoch(i, 10, EnergyMethod.MEASURED));
      report.idle(System.nanoTime());
    }
    assertThat(folder.resolve("report.json")).doesNotExist();
    assertThat(folder.resolve("report.html")).doesNotExist();

    finish(report, run, new RunEnd(1, RunStatus.COMPLETED, Records.T0.plusSeconds(30), null));

    JsonNode r = reportJson(folder).get("runs").get(0);
    assertThat(r.get("epochs")).hasSize(3);
    assertThat(r.get("epochs_file").asText()).isEqualTo("epochs.jsonl");
    assertThat(r.get("totals").get("epochs_lost").asLong()).isZero();
    assertThat(folder.resolve("report.html")).exists();
  }

  @Test
  void aHundredThousandEpochsAllReachTheFilesAndTheRunKeepsAConstantSizedSeries()
      throws IOException {
    Path folder = dir.resolve("jvm");
    ReportFiles report = report(folder);
    RunLedger run = Records.run("custom", 100_000, false);
    report.runStarted(run);
    for (int i = 0; i < 100_000; i++) {
      epoch(report, run, Records.epoch(i, 1.0, EnergyMethod.MEASURED));
      if (i % 1000 == 0) {
        report.idle(System.nanoTime());
      }
    }
    finish(report, run, new RunEnd(1, RunStatus.COMPLETED, Records.T0.plusSeconds(1), null));
    report.close(System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30));

    assertThat(run.series().points().size()).isLessThanOrEqualTo(1024);
    try (java.io.BufferedReader csv = Files.newBufferedReader(folder.resolve("epochs.csv"))) {
      assertThat(csv.lines().count()).isEqualTo(100_001);
    }
    // stream report.json: every epoch, in order
    try (com.fasterxml.jackson.core.JsonParser p =
        new ObjectMapper().getFactory().createParser(folder.resolve("report.json").toFile())) {
      int expected = 0;
      int depth = 0;
      boolean inEpochs = false;
      com.fasterxml.jackson.core.JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME
            && p.currentName().equals("epochs")
            && p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
          inEpochs = true;
          depth = 0;
          continue;
        }
        if (!inEpochs) {
          continue;
        }
        if (t == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
          depth++;
        } else if (t == com.fasterxml.jackson.core.JsonToken.END_OBJECT) {
          depth--;
        } else if (t == com.fasterxml.jackson.core.JsonToken.END_ARRAY && depth == 0) {
          inEpochs = false;
        } else if (depth == 1
            && t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME
            && p.currentName().equals("index")) {
          p.nextToken();
          assertThat(p.getIntValue()).isEqualTo(expected++);
        }
      }
      assertThat(expected).isEqualTo(100_000);
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void unwritableFolderGivesOneMessageAndNoException() throws IOException {
    Path file = dir.resolve("not-a-dir");
    Files.writeString(file, "x");
    ReportFiles report = report(file.resolve("jvm"));
    RunLedger run = Records.run("dl4j", 1, false);
    report.runStarted(run);
    epoch(report, run, Records.epoch(0, 1.0, EnergyMethod.MEASURED));
    finish(report, run, new RunEnd(1, RunStatus.COMPLETED, Records.T0.plusSeconds(10), null));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains("set jouletrace.report.dir to a writable directory");
  }

  @Test
  void stringsAreEscapedAndNonFiniteNumbersBecomeNull() throws IOException {
    String json =
        new JsonWriter()
            .beginObject()
            .name("s")
            .value("a\"b\\c\nd\u0001")
            .name("nan")
            .value(Double.NaN)
            .name("list")
            .beginArray()
            .value(1)
            .value(2.5)
            .endArray()
            .endObject()
            .toString();
    JsonNode node = new ObjectMapper().readTree(json);
    assertThat(node.get("s").asText()).isEqualTo("a\"b\\c\nd\u0001");
    assertThat(node.get("nan").isNull()).isTrue();
    assertThat(node.get("list").get(1).asDouble()).isEqualTo(2.5);
  }
}
