package dev.jouletrace.export;

import dev.jouletrace.accounting.EpochAccount;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.EpochSeries;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.accounting.WindowStatus;
import dev.jouletrace.accounting.efficiency.Equivalences;
import dev.jouletrace.accounting.efficiency.RunEfficiency;
import dev.jouletrace.accounting.forecast.Forecast;
import dev.jouletrace.probe.EnergyMethod;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One line per finished epoch and a short table per finished run, for people watching the job.
 *
 * <p>Epochs faster than a person reads are condensed: up to {@value #BURST} lines at once, then
 * {@value #LINES_PER_SECOND} a second; the epochs in between are summed into one line at most every
 * {@value #CONDENSED_EVERY_SECONDS} seconds, so every epoch is on the console, alone or in a group.
 * A run's forecast is folded into its epoch line when it first appears and when it moves by more
 * than {@value #FORECAST_CHANGE_PERCENT} %.
 */
public final class ConsoleReporter implements RunListener {
  private static final String PREFIX = "[jouletrace] ";
  private static final double JOULES_PER_KWH = 3_600_000.0;
  static final int BURST = 20;
  static final int LINES_PER_SECOND = 5;
  static final int CONDENSED_EVERY_SECONDS = 2;
  static final int FORECAST_CHANGE_PERCENT = 10;

  /** Rows of the summary table; longer runs are shown in groups of consecutive epochs. */
  static final int SUMMARY_ROWS = 20;

  private final PrintStream out;
  private final Map<Integer, Condensed> condensed = new HashMap<>();
  private final Map<Integer, Forecast> lastShownForecast = new HashMap<>();
  private double tokens = BURST;
  private long lastRefill = System.nanoTime();

  public ConsoleReporter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void runStarted(RunLedger run) {
    out.println(
        PREFIX
            + run.framework()
            + " run "
            + run.number()
            + " started"
            + (run.start().plannedEpochs() >= 0
                ? ", " + run.start().plannedEpochs() + " epochs planned"
                : "")
            + (run.start().implicit()
                ? " (no run-level call seen: run opened at its first epoch)"
                : "")
            + (run.start().attachedLate() ? " (attached late)" : ""));
  }

  @Override
  public void epochFinished(RunLedger run, EpochAccount epoch) {
    long now = System.nanoTime();
    refill(now);
    Condensed pending = condensed.get(run.number());
    if (pending == null && tokens >= 1) {
      tokens--;
      out.println(epochLine(run, epoch) + forecastPart(run, epoch));
      return;
    }
    if (pending == null) {
      pending = new Condensed(now);
      condensed.put(run.number(), pending);
    }
    pending.add(epoch);
    if (now - pending.since >= TimeUnit.SECONDS.toNanos(CONDENSED_EVERY_SECONDS) && tokens >= 1) {
      tokens--;
      printCondensed(run.number());
    }
  }

  @Override
  public void idle(long now) {
    if (condensed.isEmpty()) {
      return;
    }
    refill(now);
    condensed
        .entrySet()
        .removeIf(
            e -> {
              Condensed c = e.getValue();
              if (now - c.since >= TimeUnit.SECONDS.toNanos(CONDENSED_EVERY_SECONDS)
                  && tokens >= 1) {
                tokens--;
                out.println(c.line(e.getKey()));
                return true;
              }
              return false;
            });
  }

  private void refill(long now) {
    tokens = Math.min(BURST, tokens + (now - lastRefill) / 1e9 * LINES_PER_SECOND);
    lastRefill = now;
  }

  private void printCondensed(int run) {
    Condensed c = condensed.remove(run);
    if (c != null) {
      out.println(c.line(run));
    }
  }

  static String epochLine(RunLedger run, EpochAccount account) {
    EpochRecord e = account.record();
    StringBuilder line = new StringBuilder(160).append(PREFIX).append(run.framework());
    line.append(" run ").append(run.number()).append(" epoch ").append(e.index());
    if (e.status() != WindowStatus.COMPLETED) {
      line.append(' ').append(e.status().label());
    }
    Decimals.append(line.append(": "), e.durationSeconds(), 2).append(" s, ");
    line.append(e.batches()).append(" batches, ").append(energy(e.energyJoules())).append(", ");
    Decimals.append(line, e.meanPowerWatts(), 1).append(" W, ");
    line.append(grams(account.carbon().operationalGrams())).append(" CO2e (");
    line.append(e.energy().method().label()).append("; ");
    Decimals.append(line, account.carbon().intensity().gramsPerKwh(), 0).append(" g/kWh ");
    line.append(account.carbon().intensity().zone()).append(", PUE ");
    return Decimals.append(line, account.carbon().pue().value(), 2).append(')').toString();
  }

  /** The forecast made after this epoch, when it is new or moved materially since last shown. */
  private String forecastPart(RunLedger run, EpochAccount epoch) {
    Forecast f = epoch.forecast().orElse(null);
    if (f == null) {
      return "";
    }
    Forecast shown = lastShownForecast.get(run.number());
    double point = f.energyJoules().point();
    if (shown != null
        && Math.abs(point - shown.energyJoules().point())
            <= FORECAST_CHANGE_PERCENT / 100.0 * shown.energyJoules().point()) {
      return "";
    }
    lastShownForecast.put(run.number(), f);
    return "; " + RunFigures.describe(f);
  }

  @Override
  public void runFinished(RunLedger run) {
    Condensed c = condensed.remove(run.number());
    if (c != null) {
      out.println(c.line(run.number()));
    }
    lastShownForecast.remove(run.number());
    StringBuilder s = new StringBuilder();
    s.append(PREFIX)
        .append(run.framework())
        .append(" run ")
        .append(run.number())
        .append(' ')
        .append(run.status().label())
        .append(String.format(Locale.ROOT, " after %.2f s%n", run.durationSeconds()));
    s.append(PREFIX)
        .append(
            String.format(
                Locale.ROOT,
                "%11s %9s %12s %9s %12s  %s%n",
                "epoch",
                "seconds",
                "energy",
                "watts",
                "CO2e",
                "method"));
    for (Row row : rows(run.series())) {
      s.append(PREFIX)
          .append(
              String.format(
                  Locale.ROOT,
                  "%11s %9.2f %12s %9.1f %12s  %s%n",
                  row.label,
                  row.seconds,
                  energy(row.joules),
                  row.seconds > 0 ? row.joules / row.seconds : 0,
                  grams(row.co2Grams),
                  row.method));
    }
    if (run.betweenEpochsJoules() > 0 || run.betweenEpochsSeconds() > 0.005) {
      s.append(PREFIX)
          .append(
              String.format(
                  Locale.ROOT,
                  "%11s %9.2f %12s %9s %12s  %s%n",
                  "between",
                  run.betweenEpochsSeconds(),
                  energy(run.betweenEpochsJoules()),
                  "",
                  grams(run.betweenEpochsCo2OperationalGrams()),
                  "(before, between and after epochs)"));
    }
    s.append(PREFIX)
        .append(
            String.format(
                Locale.ROOT,
                "%11s %9.2f %12s %9s %12s  %s",
                "total",
                run.durationSeconds(),
                energy(run.energyJoules()),
                "",
                grams(run.co2OperationalGrams()),
                run.energyMethod().label()));
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
    if (run.status() == RunStatus.COMPLETED) {
      // advice about early stopping only for a run that ran to its end: one that stopped early
      // already spent its patience epochs by design
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
    }
    RunFigures.firstForecastError(run)
        .filter(err -> !Double.isNaN(err.energyRelativeError()))
        .ifPresent(
            err ->
                s.append(
                    String.format(
                        Locale.ROOT,
                        "%n%sthe first forecast (after %d epoch%s) was off by %+.1f%% in energy",
                        PREFIX,
                        err.afterEpochs(),
                        err.afterEpochs() == 1 ? "" : "s",
                        100 * err.energyRelativeError())));
    if (run.epochsLost() > 0) {
      s.append(
          String.format(
              Locale.ROOT,
              "%n%s%d epochs were measured but lost before they could be written",
              PREFIX,
              run.epochsLost()));
    }
    out.println(s);
  }

  /** The run's epochs in at most {@link #SUMMARY_ROWS} rows: one per epoch, or groups. */
  private static Row[] rows(EpochSeries series) {
    List<EpochSeries.Point> points = series.points();
    int groups = Math.min(SUMMARY_ROWS, points.size());
    Row[] rows = new Row[groups];
    for (int g = 0; g < groups; g++) {
      int from = (int) ((long) g * points.size() / groups);
      int to = (int) ((long) (g + 1) * points.size() / groups);
      Row row = new Row();
      EpochSeries.Point first = points.get(from);
      EpochSeries.Point last = points.get(to - 1);
      row.label =
          first.firstIndex() == last.lastIndex()
              ? Integer.toString(first.firstIndex())
              : first.firstIndex() + "-" + last.lastIndex();
      EnergyMethod method = first.method();
      for (int i = from; i < to; i++) {
        EpochSeries.Point p = points.get(i);
        row.seconds += p.durationSeconds();
        row.joules += p.energyJoules();
        row.co2Grams += p.co2OperationalGrams();
        method = EnergyMethod.weakest(method, p.method());
      }
      row.method = method.label();
      rows[g] = row;
    }
    return rows;
  }

  private static final class Row {
    String label;
    double seconds;
    double joules;
    double co2Grams;
    String method;
  }

  /** Epochs of one run held back from the console, summed until their line is printed. */
  private static final class Condensed {
    final long since;
    String framework;
    int first = -1;
    int last;
    int epochs;
    int notCompleted;
    double seconds;
    double joules;
    double co2Grams;

    Condensed(long since) {
      this.since = since;
    }

    void add(EpochAccount a) {
      EpochRecord e = a.record();
      framework = e.framework();
      if (first < 0) {
        first = e.index();
      }
      last = e.index();
      epochs++;
      notCompleted += e.status() == WindowStatus.COMPLETED ? 0 : 1;
      seconds += e.durationSeconds();
      joules += e.energyJoules();
      co2Grams += a.carbon().operationalGrams();
    }

    String line(int run) {
      return String.format(
          Locale.ROOT,
          "%s%s run %d epochs %d-%d: %d epochs%s, %.2f s, %s, %.1f W, %s CO2e (condensed)",
          PREFIX,
          framework,
          run,
          first,
          last,
          epochs,
          notCompleted > 0 ? " (" + notCompleted + " not completed)" : "",
          seconds,
          energy(joules),
          seconds > 0 ? joules / seconds : 0,
          grams(co2Grams));
    }
  }

  /** Joules below 0.1 kWh, kWh above: the unit a person reads at a glance. */
  static String energy(double joules) {
    if (joules >= 0.1 * JOULES_PER_KWH) {
      return Decimals.fixed(joules / JOULES_PER_KWH, 3) + " kWh";
    }
    return Decimals.fixed(joules, 1) + " J";
  }

  static String grams(double g) {
    if (g >= 1000) {
      return Decimals.fixed(g / 1000, 2) + " kg";
    }
    if (g >= 0.1) {
      return Decimals.fixed(g, 2) + " g";
    }
    return Decimals.appendSignificant(new StringBuilder(12), g, 3).append(" g").toString();
  }

  @Override
  public void close(long deadlineNanos) {
    for (Map.Entry<Integer, Condensed> e : condensed.entrySet()) {
      out.println(e.getValue().line(e.getKey()));
    }
    condensed.clear();
    out.flush();
  }
}
