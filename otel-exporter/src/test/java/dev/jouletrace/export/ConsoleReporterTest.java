package dev.jouletrace.export;

import static java.util.stream.Collectors.toList;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.EpochAccount;
import dev.jouletrace.accounting.RunEnd;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.accounting.TrainingMetrics;
import dev.jouletrace.probe.EnergyMethod;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {

  @Test
  void epochLineGivesIndexDurationEnergyPowerCo2AndMethod() {
    RunLedger run = Records.run("dl4j", 1, false);
    EpochAccount epoch = Records.add(run, Records.epoch(0, 36.0, EnergyMethod.MEASURED));
    assertThat(ConsoleReporter.epochLine(run, epoch))
        .isEqualTo(
            "[jouletrace] dl4j run 1 epoch 0: 10.00 s, 24 batches, 36.0 J, 3.6 W,"
                + " 0.00600 g CO2e (measured; 400 g/kWh FR, PUE 1.50)");
  }

  @Test
  void largeEnergiesAreShownInKilowattHours() {
    assertThat(ConsoleReporter.energy(3.6e6)).isEqualTo("1.000 kWh");
    assertThat(ConsoleReporter.energy(360_000)).isEqualTo("0.100 kWh");
    assertThat(ConsoleReporter.energy(12.34)).isEqualTo("12.3 J");
    assertThat(ConsoleReporter.grams(1500)).isEqualTo("1.50 kg");
  }

  @Test
  void runSummaryHasARowPerEpochAndATotal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleReporter console =
        new ConsoleReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    RunLedger run = Records.runWithEpochs(36.0, 72.0);
    run.finish(new RunEnd(1, RunStatus.COMPLETED, Records.T0.plusSeconds(21), null));
    console.runFinished(run);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("dl4j run 1 completed after 21.00 s");
    assertThat(out.lines().filter(l -> l.matches("\\[jouletrace\\] +[01] .*"))).hasSize(2);
    assertThat(out).contains("108.0 J");
    assertThat(out).contains("4.00 g embodied");
    // 0.018 g operational + 4 g embodied = 4.018 g: 4.018 / 107.5 g/km
    assertThat(out).contains("like driving 0.0374 km");
  }

  @Test
  void epochsFasterThanAPersonReadsAreCondensedAndEveryEpochIsStillCounted() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleReporter console =
        new ConsoleReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    RunLedger run = Records.run("dl4j", -1, true);
    console.runStarted(run);
    for (int i = 0; i < 500; i++) {
      console.epochFinished(run, Records.add(run, Records.epoch(i, 1.0, EnergyMethod.MEASURED)));
    }
    run.finish(new RunEnd(1, RunStatus.COMPLETED, Records.T0.plusSeconds(5000), null));
    console.runFinished(run);

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().collect(toList());
    List<String> single =
        lines.stream().filter(l -> l.matches(".* run 1 epoch \\d+: .*")).collect(toList());
    List<String> condensed =
        lines.stream().filter(l -> l.contains("(condensed)")).collect(toList());
    assertThat(single).hasSize(ConsoleReporter.BURST);
    assertThat(condensed).singleElement().asString().contains("epochs 20-499: 480 epochs");
    assertThat(lines).anyMatch(l -> l.contains("total") && l.contains("500.0 J"));
    // the summary shows at most SUMMARY_ROWS rows, in groups
    assertThat(lines.stream().filter(l -> l.matches("\\[jouletrace\\] +\\d+-\\d+ .*")))
        .hasSize(ConsoleReporter.SUMMARY_ROWS);
  }

  @Test
  void theForecastIsFoldedIntoTheEpochLineOnlyWhenItIsNewOrMovedMaterially() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleReporter console =
        new ConsoleReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    RunLedger run = Records.run("dl4j", 10, false);
    double[] joules = {100, 101, 99, 300};
    for (int i = 0; i < joules.length; i++) {
      console.epochFinished(
          run, Records.add(run, Records.epoch(i, joules[i], EnergyMethod.MEASURED)));
    }
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().collect(toList());
    assertThat(lines).hasSize(4);
    // new after epoch 0 (1000 J); within 10 % after epochs 1 and 2; 1300 J after epoch 3
    assertThat(lines.get(0)).contains("forecast for 10 epochs: 1000.0 J");
    assertThat(lines.get(1)).doesNotContain("forecast");
    assertThat(lines.get(2)).doesNotContain("forecast");
    assertThat(lines.get(3)).contains("forecast for 10 epochs: 1500.0 J");
  }

  /** A run of 3 epochs of 10 J whose training loss is lowest at epoch 1. */
  private static RunLedger runWithBestEpochOne(RunStatus status, int plannedEpochs) {
    RunLedger run = Records.run("dl4j", plannedEpochs, false);
    double[] losses = {0.3, 0.2, 0.25};
    for (int i = 0; i < 3; i++) {
      Records.add(
          run,
          Records.builder(i)
              .metrics(TrainingMetrics.of(losses[i], Double.NaN, Double.NaN, Double.NaN))
              .energy(Records.cpu(10, EnergyMethod.MEASURED))
              .build());
    }
    run.finish(new RunEnd(1, status, Records.T0.plusSeconds(30), null));
    return run;
  }

  @Test
  void earlyStoppingAdviceAndTheForecastErrorOnlyForARunThatRanToItsEnd() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleReporter console =
        new ConsoleReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    console.runFinished(runWithBestEpochOne(RunStatus.COMPLETED, 3));
    String completed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(completed)
        .contains(
            "best epoch 1 (lowest training loss); the epochs after it used 10.0 J (33% of the"
                + " run): what early stopping would have saved")
        .contains("the first forecast (after 1 epoch) was off by +0.0% in energy");

    bytes.reset();
    console.runFinished(runWithBestEpochOne(RunStatus.EARLY_STOPPED, 10));
    String stopped = bytes.toString(StandardCharsets.UTF_8);
    assertThat(stopped).doesNotContain("would have saved").doesNotContain("first forecast");

    bytes.reset();
    RunLedger cutShort = Records.run("dl4j", 10, false);
    Records.add(cutShort, Records.epoch(0, 10, EnergyMethod.MEASURED));
    cutShort.finish(new RunEnd(1, RunStatus.COMPLETED, Records.T0.plusSeconds(10), null));
    console.runFinished(cutShort);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("first forecast");
  }
}
