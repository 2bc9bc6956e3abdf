package dev.jouletrace.export.page;

import dev.jouletrace.accounting.EnergyWindow;
import dev.jouletrace.accounting.EpochAccount;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.RunEnd;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.RunStart;
import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.accounting.SubWindow;
import dev.jouletrace.accounting.TrainingMetrics;
import dev.jouletrace.accounting.WindowStatus;
import dev.jouletrace.accounting.carbon.CarbonIntensity;
import dev.jouletrace.accounting.carbon.EpochCarbon;
import dev.jouletrace.accounting.carbon.IntensityLevel;
import dev.jouletrace.accounting.carbon.Pue;
import dev.jouletrace.accounting.forecast.RunForecaster;
import dev.jouletrace.export.ReportFiles;
import dev.jouletrace.export.ReportFormat;
import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * A run with round numbers for page tests: 8 epochs of 10 s, each with a CPU package drawing 30 W
 * (measured) and a GPU drawing 120 W (integrated), the last 2 s of each a validation pass; the
 * validation loss falls to its best at epoch 4, then rises.
 */
final class SampleRuns {
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final double[] VALIDATION_LOSS = {1.0, 0.7, 0.5, 0.42, 0.40, 0.41, 0.43, 0.45};
  static final double CPU_WATTS = 30;
  static final double GPU_WATTS = 120;
  static final CarbonIntensity INTENSITY =
      CarbonIntensity.of(400, "test source", 2024, IntensityLevel.COUNTRY, "FR");
  static final Pue PUE = Pue.of(1.5, "test PUE");
  static final List<EnergyDomain> DOMAINS =
      List.of(
          EnergyDomain.of(
              "cpu:package-0", DomainKind.CPU, "Test CPU", EnergyMethod.MEASURED, "share"),
          EnergyDomain.of("gpu:0", DomainKind.GPU, "Test GPU", EnergyMethod.INTEGRATED, "share"));

  private SampleRuns() {}

  static EnergyWindow energy(double seconds) {
    double[] j = {CPU_WATTS * seconds, GPU_WATTS * seconds};
    return EnergyWindow.of(DOMAINS, j.clone(), j);
  }

  /** Run {@code number}, its epochs' energy scaled by {@code energyScale}, finished. */
  static RunLedger run(int number, double energyScale, PowerSeries power) {
    return run(number, energyScale, power, null);
  }

  /**
   * The run, each epoch handed to {@code files} (when not null) as the export thread does, and the
   * sampler's readings (one a second) to {@code power} (when not null).
   */
  static RunLedger run(int number, double energyScale, PowerSeries power, ReportFiles files) {
    RunLedger run =
        new RunLedger(
            new RunStart(number, "djl", T0, VALIDATION_LOSS.length, false, false),
            RunForecaster.defaults());
    if (files != null) {
      files.runStarted(run);
    }
    double[] cumulative = new double[2];
    if (power != null) {
      power.add(T0, cumulative.clone());
    }
    for (int i = 0; i < VALIDATION_LOSS.length; i++) {
      EpochRecord r = epoch(number, i, energyScale);
      EpochAccount account = run.add(r, EpochCarbon.of(r.energyJoules(), INTENSITY, PUE, 0.5));
      if (files != null) {
        files.epochFinished(run, account);
      }
      if (power != null) {
        for (int s = 1; s <= 10; s++) {
          cumulative[0] += CPU_WATTS * energyScale;
          cumulative[1] += GPU_WATTS * energyScale;
          power.add(r.start().plusSeconds(s), cumulative.clone());
        }
      }
    }
    run.finish(
        new RunEnd(
            number, RunStatus.COMPLETED, T0.plusSeconds(10L * VALIDATION_LOSS.length), null));
    if (files != null) {
      files.runFinished(run);
    }
    return run;
  }

  static EpochRecord epoch(int run, int index, double energyScale) {
    Instant start = T0.plusSeconds(10L * index);
    Instant end = start.plusSeconds(10);
    return EpochRecord.builder()
        .run(run, "djl")
        .index(index)
        .window(start, end)
        .batches(50)
        .samples(1000)
        .metrics(
            TrainingMetrics.of(
                VALIDATION_LOSS[index] + 0.05, Double.NaN, VALIDATION_LOSS[index], Double.NaN))
        .energy(scaled(energy(10), energyScale))
        .validations(
            List.of(
                SubWindow.validation(
                    end.minusSeconds(2),
                    end,
                    10,
                    WindowStatus.COMPLETED,
                    scaled(energy(2), energyScale))))
        .build();
  }

  private static EnergyWindow scaled(EnergyWindow w, double k) {
    double[] d = new double[w.size()];
    double[] p = new double[w.size()];
    for (int i = 0; i < w.size(); i++) {
      d[i] = w.deviceJoules(i) * k;
      p[i] = w.processJoules(i) * k;
    }
    return EnergyWindow.of(DOMAINS, d, p);
  }

  static PowerSeries power() {
    return new PowerSeries(List.of("cpu:package-0", "gpu:0"), PowerSeries.DEFAULT_CAPACITY);
  }

  /** A report folder as the agent writes it, holding the one run; returns its ledger. */
  static RunLedger folder(Path folder, double energyScale) {
    PowerSeries power = power();
    ReportFiles files =
        new ReportFiles(
            folder,
            EnumSet.allOf(ReportFormat.class),
            Map.of("pid", "42"),
            new ArrayList<>(),
            p -> {},
            Map::of,
            power);
    RunLedger run = run(1, energyScale, power, files);
    files.close(System.nanoTime() + 5_000_000_000L);
    return run;
  }
}
