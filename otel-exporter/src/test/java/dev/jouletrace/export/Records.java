package dev.jouletrace.export;

import dev.jouletrace.accounting.EnergyWindow;
import dev.jouletrace.accounting.EpochAccount;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.RunStart;
import dev.jouletrace.accounting.TrainingMetrics;
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

/** Runs and epochs with round numbers, for export tests. */
final class Records {
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final CarbonIntensity INTENSITY =
      CarbonIntensity.of(400, "test source", 2024, IntensityLevel.COUNTRY, "FR");
  static final Pue PUE = Pue.of(1.5, "test PUE");
  static final double EMBODIED_GRAMS = 2.0;

  private Records() {}

  /** One CPU domain measured by {@code method}; the device drew twice what the JVM is charged. */
  static EnergyWindow cpu(double processJoules, EnergyMethod method) {
    EnergyDomain d =
        EnergyDomain.of(
            "cpu:package-0", DomainKind.CPU, "Test CPU", method, "process-cpu-time-share");
    return EnergyWindow.of(
        List.of(d), new double[] {processJoules * 2}, new double[] {processJoules});
  }

  /** 3.6e6 J × 400 g/kWh × 1.5 = 600 g per epoch when joules = 3.6e6. */
  static EpochRecord epoch(int index, double processJoules, EnergyMethod method) {
    return builder(index).energy(cpu(processJoules, method)).build();
  }

  /** An epoch of run 1 (dl4j), 10 s long, 24 batches, training loss 0.5 − 0.1 × index. */
  static EpochRecord.Builder builder(int index) {
    return EpochRecord.builder()
        .run(1, "dl4j")
        .index(index)
        .window(T0.plusSeconds(10L * index), T0.plusSeconds(10L * index + 10))
        .batches(24)
        .metrics(TrainingMetrics.of(0.5 - index * 0.1, Double.NaN, Double.NaN, Double.NaN));
  }

  /** The carbon a model at {@link #INTENSITY} and {@link #PUE} gives, 2 g embodied. */
  static EpochCarbon carbon(EpochRecord e) {
    return EpochCarbon.of(e.energyJoules(), INTENSITY, PUE, EMBODIED_GRAMS);
  }

  static RunLedger run(String framework, int plannedEpochs, boolean implicit) {
    return new RunLedger(
        new RunStart(1, framework, T0, plannedEpochs, implicit, false), RunForecaster.defaults());
  }

  static EpochAccount add(RunLedger run, EpochRecord epoch) {
    return run.add(epoch, carbon(epoch));
  }

  /** A dl4j run planned for as many epochs as given, each with that energy (measured). */
  static RunLedger runWithEpochs(double... joules) {
    RunLedger run = run("dl4j", joules.length, false);
    for (int i = 0; i < joules.length; i++) {
      add(run, epoch(i, joules[i], EnergyMethod.MEASURED));
    }
    return run;
  }
}
