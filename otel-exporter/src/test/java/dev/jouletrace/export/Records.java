package dev.jouletrace.export;

import dev.jouletrace.accounting.DomainEnergy;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.RunRecord;
import dev.jouletrace.accounting.carbon.CarbonIntensity;
import dev.jouletrace.accounting.carbon.IntensityLevel;
import dev.jouletrace.accounting.carbon.Pue;
import dev.jouletrace.accounting.forecast.RunForecaster;
import java.time.Instant;
import java.util.List;

/** Run and epoch records with round numbers, for export tests. */
final class Records {
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final CarbonIntensity INTENSITY =
      CarbonIntensity.of(400, "test source", 2024, IntensityLevel.COUNTRY, "FR");
  static final Pue PUE = Pue.of(1.5, "test PUE");

  private Records() {}

  /** 3.6e6 J × 400 g/kWh × 1.5 = 600 g per epoch when joules = 3.6e6. */
  static EpochRecord epoch(int index, double processJoules, String method) {
    return EpochRecord.builder()
        .runNumber(1)
        .framework("dl4j")
        .index(index)
        .window(T0.plusSeconds(10L * index), T0.plusSeconds(10L * index + 10))
        .batches(24)
        .trainLoss(0.5 - index * 0.1)
        .domains(
            List.of(
                DomainEnergy.of(
                    "cpu:package-0",
                    "cpu",
                    "Test CPU",
                    method,
                    "process-cpu-time-share",
                    processJoules * 2,
                    processJoules)))
        .carbon(INTENSITY, PUE)
        .co2EmbodiedGrams(2.0)
        .build();
  }

  static RunRecord runWithEpochs(double... joules) {
    RunRecord run =
        RunRecord.started(1, "dl4j", T0, joules.length, false, false, RunForecaster.defaults());
    for (int i = 0; i < joules.length; i++) {
      run = run.withEpoch(epoch(i, joules[i], "measured"));
    }
    return run;
  }
}
