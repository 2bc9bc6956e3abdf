package dev.jouletrace.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.carbon.CarbonIntensity;
import dev.jouletrace.accounting.carbon.EpochCarbon;
import dev.jouletrace.accounting.carbon.IntensityLevel;
import dev.jouletrace.accounting.carbon.Pue;
import dev.jouletrace.accounting.forecast.RunForecaster;
import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunLedgerTest {
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
  private static final CarbonIntensity INTENSITY =
      CarbonIntensity.of(400, "s", 2024, IntensityLevel.COUNTRY, "FR");

  private static RunLedger ledger(int planned) {
    return new RunLedger(
        new RunStart(3, "djl", T0, planned, false, false), RunForecaster.defaults());
  }

  private static EpochRecord epoch(int i, double joules, EnergyMethod cpu, EnergyMethod gpu) {
    List<EnergyDomain> domains =
        List.of(
            EnergyDomain.of("cpu:0", DomainKind.CPU, "cpu", cpu, "r"),
            EnergyDomain.of("gpu:0", DomainKind.GPU, "gpu", gpu, "r"));
    return EpochRecord.builder()
        .run(3, "djl")
        .index(i)
        .window(T0.plusSeconds(2L * i), T0.plusSeconds(2L * i + 2))
        .samples(100)
        .energy(
            EnergyWindow.of(
                domains, new double[] {joules, 2 * joules}, new double[] {joules / 2, joules / 2}))
        .build();
  }

  private static EpochCarbon carbon(EpochRecord e) {
    return EpochCarbon.of(e.energyJoules(), INTENSITY, Pue.of(1.5, "p"), 0.25);
  }

  @Test
  void theTimeBetweenEpochsIsInTheRunsEnergyAndEveryCo2Total() {
    RunLedger run = ledger(1);
    EpochRecord a = epoch(0, 3.6e6, EnergyMethod.MEASURED, EnergyMethod.MEASURED);
    run.add(a, carbon(a));
    EnergyWindow between =
        EnergyWindow.of(
            List.of(EnergyDomain.of("cpu:0", DomainKind.CPU, "cpu", EnergyMethod.MEASURED, "r")),
            new double[] {3.6e6},
            new double[] {1.8e6});
    run.finish(
        new RunEnd(3, RunStatus.COMPLETED, T0.plusSeconds(5), null, between),
        EpochCarbon.of(1.8e6, INTENSITY, Pue.of(1.5, "p"), 0.25));

    assertThat(run.energyJoules()).isEqualTo(5.4e6);
    assertThat(run.epochsEnergyJoules()).isEqualTo(3.6e6);
    assertThat(run.betweenEpochsJoules()).isEqualTo(1.8e6);
    assertThat(run.betweenEpochsSeconds()).isEqualTo(3.0);
    // 1.5 kWh × 400 g/kWh × 1.5
    assertThat(run.co2OperationalGrams()).isEqualTo(900.0);
    assertThat(run.co2Grams()).isEqualTo(run.co2OperationalGrams() + run.co2EmbodiedGrams());
    assertThat(run.co2EmbodiedGrams()).isEqualTo(0.5);
  }

  @Test
  void totalsAreRunningSumsAndTheMethodIsTheLeastDirectSeen() {
    RunLedger run = ledger(3);
    EpochRecord a = epoch(0, 3.6e6, EnergyMethod.MEASURED, EnergyMethod.MEASURED);
    EpochRecord b = epoch(1, 3.6e6, EnergyMethod.MEASURED, EnergyMethod.INTEGRATED);
    run.add(a, carbon(a));
    run.add(b, carbon(b));

    assertThat(run.epochs()).isEqualTo(2);
    assertThat(run.energyJoules()).isEqualTo(7.2e6);
    assertThat(run.deviceEnergyJoules()).isEqualTo(3 * 7.2e6);
    // 1 kWh × 400 g/kWh × 1.5 per epoch
    assertThat(run.co2OperationalGrams()).isEqualTo(1200.0);
    assertThat(run.co2EmbodiedGrams()).isEqualTo(0.5);
    assertThat(run.co2Grams()).isEqualTo(1200.5);
    assertThat(run.samples()).isEqualTo(200);
    assertThat(run.epochSeconds()).isEqualTo(4.0);
    assertThat(run.durationSeconds()).isEqualTo(4.0);
    assertThat(run.energyMethod()).isEqualTo(EnergyMethod.INTEGRATED);
    assertThat(run.lastIntensity()).isEqualTo(INTENSITY);
  }

  @Test
  void forecastErrorsCountOnlyForARunThatRanItsPlannedLength() {
    RunLedger full = ledger(2);
    RunLedger stopped = ledger(10);
    for (int i = 0; i < 2; i++) {
      EpochRecord e = epoch(i, 100, EnergyMethod.MEASURED, EnergyMethod.MEASURED);
      full.add(e, carbon(e));
      stopped.add(e, carbon(e));
    }
    full.finish(new RunEnd(3, RunStatus.COMPLETED, T0.plusSeconds(4), null));
    stopped.finish(new RunEnd(3, RunStatus.EARLY_STOPPED, T0.plusSeconds(4), null));

    assertThat(full.ranPlannedLength()).isTrue();
    assertThat(stopped.ranPlannedLength()).isFalse();
    assertThat(full.forecasts().latest()).isPresent();
  }

  @Test
  void epochsLostOnTheWayAreCounted() {
    RunLedger run = ledger(-1);
    run.epochLost();
    run.epochLost();
    assertThat(run.epochsLost()).isEqualTo(2);
    assertThat(run.epochs()).isZero();
    assertThat(run.samples()).isEqualTo(-1);
    assertThat(run.energyMethod()).isEqualTo(EnergyMethod.ESTIMATED);
  }
}
