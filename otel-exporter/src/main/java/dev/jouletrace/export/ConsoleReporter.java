package dev.jouletrace.export;

import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.RunRecord;
import dev.jouletrace.accounting.efficiency.Equivalences;
import dev.jouletrace.accounting.efficiency.RunEfficiency;
import java.io.PrintStream;
import java.util.Locale;

/** One line per finished epoch and a short table per finished run, for people watching the job. */
public final class ConsoleReporter implements RunListener {
  private static final String PREFIX = "[jouletrace] ";
  private static final double JOULES_PER_KWH = 3_600_000.0;
  private final PrintStream out;

  public ConsoleReporter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void runStarted(RunRecord run) {
    out.println(
        PREFIX
            + run.framework()
            + " run "
            + run.number()
            + " started"
            + (run.plannedEpochs() >= 0 ? ", " + run.plannedEpochs() + " epochs planned" : "")
            + (run.implicit() ? " (no run-level call seen: run opened at its first epoch)" : "")
            + (run.attachedLate() ? " (attached late)" : ""));
  }

  @Override
  public void epochFinished(RunRecord run, EpochRecord e) {
    out.println(epochLine(run, e));
    RunFigures.forecastAfter(run)
        .filter(f -> f.afterEpochs() < f.plannedEpochs())
        .ifPresent(f -> out.println(PREFIX + "  " + RunFigures.describe(f)));
  }

  static String epochLine(RunRecord run, EpochRecord e) {
    return String.format(
        Locale.ROOT,
        "%s%s run %d epoch %d%s: %.2f s, %d batches, %s, %.1f W, %s CO2e (%s; %.0f g/kWh %s, PUE %.2f)",
        PREFIX,
        run.framework(),
        run.number(),
        e.index(),
        "completed".equals(e.status()) ? "" : " " + e.status(),
        e.durationSeconds(),
        e.batches(),
        energy(e.energyJoules()),
        e.meanPowerWatts(),
        grams(e.co2OperationalGrams()),
        e.energyMethod(),
        e.intensity().gramsPerKwh(),
        e.intensity().zone(),
        e.pue().value());
  }

  @Override
  public void runFinished(RunRecord run) {
    StringBuilder s = new StringBuilder();
    s.append(PREFIX)
        .append(run.framework())
        .append(" run ")
        .append(run.number())
        .append(' ')
        .append(run.status())
        .append(String.format(Locale.ROOT, " after %.2f s%n", run.durationSeconds()));
    s.append(PREFIX)
        .append(
            String.format(
                Locale.ROOT,
                "%6s %9s %8s %12s %9s %12s  %s%n",
                "epoch",
                "seconds",
                "batches",
                "energy",
                "watts",
                "CO2e",
                "method"));
    for (EpochRecord e : run.epochs()) {
      s.append(PREFIX)
          .append(
              String.format(
                  Locale.ROOT,
                  "%6d %9.2f %8d %12s %9.1f %12s  %s%n",
                  e.index(),
                  e.durationSeconds(),
                  e.batches(),
                  energy(e.energyJoules()),
                  e.meanPowerWatts(),
                  grams(e.co2OperationalGrams()),
                  e.energyMethod()));
    }
    s.append(PREFIX)
        .append(
            String.format(
                Locale.ROOT,
                "%6s %9.2f %8s %12s %9s %12s  %s",
                "total",
                run.epochSeconds(),
                "",
                energy(run.energyJoules()),
                "",
                grams(run.co2OperationalGrams()),
                run.energyMethod()));
    if (run.co2EmbodiedGrams() > 0) {
      s.append(
          String.format(
              Locale.ROOT,
              "%n%s%s embodied, %s in all",
              PREFIX,
              grams(run.co2EmbodiedGrams()),
              grams(run.co2Grams())));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "%n%sthat is like driving %.3g km in an average new EU car, or %.3g smartphone charges",
            PREFIX,
            Equivalences.carKilometres(run.co2Grams()),
            Equivalences.smartphoneCharges(run.co2Grams())));
    RunEfficiency efficiency = run.efficiency();
    efficiency
        .best()
        .filter(best -> efficiency.energyAfterBestJoules() > 0)
        .ifPresent(
            best ->
                s.append(
                    String.format(
                        Locale.ROOT,
                        "%n%sbest epoch %d (%s); the epochs after it used %s (%.0f%% of the run):"
                            + " what early stopping would have saved",
                        PREFIX,
                        best.epoch(),
                        RunFigures.criterion(best).replace('_', ' '),
                        energy(efficiency.energyAfterBestJoules()),
                        100 * efficiency.shareOfEnergyAfterBest())));
    RunFigures.firstForecastError(run)
        .filter(err -> !Double.isNaN(err.energyRelativeError()))
        .ifPresent(
            err ->
                s.append(
                    String.format(
                        Locale.ROOT,
                        "%n%sthe first forecast (after %d epochs) was off by %+.1f%% in energy",
                        PREFIX,
                        err.afterEpochs(),
                        100 * err.energyRelativeError())));
    out.println(s);
  }

  /** Joules below 0.1 kWh, kWh above: the unit a person reads at a glance. */
  static String energy(double joules) {
    if (joules >= 0.1 * JOULES_PER_KWH) {
      return String.format(Locale.ROOT, "%.3f kWh", joules / JOULES_PER_KWH);
    }
    return String.format(Locale.ROOT, "%.1f J", joules);
  }

  static String grams(double g) {
    if (g >= 1000) {
      return String.format(Locale.ROOT, "%.2f kg", g / 1000);
    }
    if (g >= 0.1) {
      return String.format(Locale.ROOT, "%.2f g", g);
    }
    return String.format(Locale.ROOT, "%.3g g", g);
  }

  @Override
  public void close() {
    out.flush();
  }
}
