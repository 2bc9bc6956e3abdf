package dev.jouletrace.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jouletrace.accounting.FrameworkOutcome;
import dev.jouletrace.accounting.RunRecord;
import dev.jouletrace.accounting.forecast.RunForecaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        true,
        true,
        true,
        Map.of("pid", "42"),
        List.of(Map.of("probe", "rapl", "state", "absent")),
        problems::add);
  }

  @Test
  void reportJsonHoldsEveryFinishedEpochAfterEachEpoch() throws IOException {
    Path folder = dir.resolve("jvm");
    ReportFiles report = report(folder);
    RunRecord run =
        RunRecord.started(1, "dl4j", Records.T0, 2, false, false, RunForecaster.defaults());
    report.runStarted(run);
    assertThat(folder).doesNotExist();

    run = run.withEpoch(Records.epoch(0, 3.6e6, "measured"));
    report.epochFinished(run, run.epochs().get(0));

    JsonNode json = new ObjectMapper().readTree(folder.resolve("report.json").toFile());
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
    RunRecord run = Records.runWithEpochs(3.6e6, 1.8e6);
    report.runStarted(run);
    report.runFinished(
        run.finished(
            "early_stopped",
            Records.T0.plusSeconds(25),
            new FrameworkOutcome(
                0, 0.25, "ScoreImprovementEpochTerminationCondition", Map.of(0, 0.25, 1, 0.5))));

    JsonNode r =
        new ObjectMapper().readTree(folder.resolve("report.json").toFile()).get("runs").get(0);
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
    assertThat(html).contains("<h2>dl4j run 1 &middot; early_stopped</h2>");
    assertThat(html.split("<rect class=\"measured\"", -1)).hasSize(3);
    assertThat(html).doesNotContain("<script").doesNotContain("http");

    List<String> csv = Files.readAllLines(folder.resolve("epochs.csv"));
    assertThat(csv).hasSize(3);
    assertThat(csv.get(1)).startsWith("1,dl4j,0,completed,2026-11-22T10:00:00Z,");
  }

  @Test
  void bestEpochEnergyAfterItAndForecastWithItsErrorsAreReported() throws IOException {
    Path folder = dir.resolve("jvm");
    ReportFiles report = report(folder);
    RunRecord run =
        RunRecord.started(1, "dl4j", Records.T0, 3, false, false, RunForecaster.defaults());
    double[] losses = {0.5, 0.3, 0.4};
    double[] joules = {1000, 2000, 3000};
    for (int i = 0; i < 3; i++) {
      run =
          run.withEpoch(
              dev.jouletrace.accounting.EpochRecord.builder()
                  .runNumber(1)
                  .framework("dl4j")
                  .index(i)
                  .window(Records.T0.plusSeconds(10L * i), Records.T0.plusSeconds(10L * i + 10))
                  .batches(10)
                  .samples(640L)
                  .trainLoss(losses[i])
                  .domains(Records.epoch(i, joules[i], "measured").domains())
                  .carbon(Records.INTENSITY, Records.PUE)
                  .build());
    }
    report.runFinished(run.finished("completed", Records.T0.plusSeconds(30)));

    JsonNode r =
        new ObjectMapper().readTree(folder.resolve("report.json").toFile()).get("runs").get(0);
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
  void unwritableFolderGivesOneMessageAndNoException() throws IOException {
    Path file = dir.resolve("not-a-dir");
    Files.writeString(file, "x");
    ReportFiles report = report(file.resolve("jvm"));
    RunRecord run = Records.runWithEpochs(1.0);
    report.epochFinished(run, run.epochs().get(0));
    report.runFinished(run.finished("completed", Records.T0.plusSeconds(10)));
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
