package dev.jouletrace.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.RunRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {

  @Test
  void epochLineGivesIndexDurationEnergyPowerCo2AndMethod() {
    RunRecord run = Records.runWithEpochs(36.0);
    assertThat(ConsoleReporter.epochLine(run, run.epochs().get(0)))
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
    console.runFinished(
        Records.runWithEpochs(36.0, 72.0).finished("completed", Records.T0.plusSeconds(21)));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("dl4j run 1 completed after 21.00 s");
    assertThat(out.lines().filter(l -> l.matches("\\[jouletrace\\] +[01] .*"))).hasSize(2);
    assertThat(out).contains("108.0 J");
    assertThat(out).contains("4.00 g embodied");
    // 0.018 g operational + 4 g embodied = 4.018 g: 4.018 / 107.5 g/km
    assertThat(out).contains("like driving 0.0374 km");
  }
}
