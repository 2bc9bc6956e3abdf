package dev.jouletrace.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.RunEnd;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.export.metrics.CarbonTotals;
import dev.jouletrace.probe.EnergyMethod;
import org.junit.jupiter.api.Test;

/** The CO2e totals {@code jouletrace.co2} reports: by energy method and kind, as accounted. */
class CarbonTotalsTest {
  @Test
  void epochsAddTheirOperationalAndEmbodiedCo2UnderTheirMethod() {
    CarbonTotals totals = new CarbonTotals();
    RunLedger run = Records.run("dl4j", 2, false);
    totals.runStarted(run);
    // 3.6e6 J at 400 g/kWh × 1.5 = 600 g operational, 2 g embodied each
    totals.epochFinished(run, Records.add(run, Records.epoch(0, 3.6e6, EnergyMethod.MEASURED)));
    totals.epochFinished(run, Records.add(run, Records.epoch(1, 1.8e6, EnergyMethod.ESTIMATED)));
    run.finish(new RunEnd(1, RunStatus.COMPLETED, Records.T0.plusSeconds(30), null));
    totals.runFinished(run);

    assertThat(totals.operationalGrams(EnergyMethod.MEASURED)).isEqualTo(600.0);
    assertThat(totals.embodiedGrams(EnergyMethod.MEASURED)).isEqualTo(2.0);
    assertThat(totals.operationalGrams(EnergyMethod.ESTIMATED)).isEqualTo(300.0);
    assertThat(totals.embodiedGrams(EnergyMethod.ESTIMATED)).isEqualTo(2.0);
    assertThat(totals.operationalGrams(EnergyMethod.INTEGRATED)).isZero();
  }
}
