package dev.jouletrace.export;

import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.RunRecord;
import dev.jouletrace.accounting.efficiency.BestEpoch;
import dev.jouletrace.accounting.efficiency.EpochEfficiency;
import dev.jouletrace.accounting.efficiency.RunEfficiency;
import dev.jouletrace.accounting.forecast.Forecast;
import dev.jouletrace.accounting.forecast.ForecastError;
import dev.jouletrace.accounting.forecast.ForecastInterval;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiConsumer;

/**
 * The derived figures every output shows the same way: an epoch's efficiency, the run's forecast,
 * best epoch and the energy spent after it. Outputs name each figure with their own keys.
 */
final class RunFigures {
  static final String ENERGY = "energy_joules";
  static final String CO2 = "co2_grams";
  static final String DURATION = "duration_seconds";

  private RunFigures() {}

  /** Efficiency of {@code epoch} within its run (loss gains need the previous epoch). */
  static Optional<EpochEfficiency> efficiencyOf(RunRecord run, EpochRecord epoch) {
    List<EpochEfficiency> all = run.efficiency().epochs();
    int position = run.epochs().indexOf(epoch);
    return position >= 0 && position < all.size()
        ? Optional.of(all.get(position))
        : Optional.empty();
  }

  /** The forecast made after the last finished epoch, when one could be made then. */
  static Optional<Forecast> forecastAfter(RunRecord run) {
    return run.forecasts().latest().filter(f -> f.afterEpochs() == run.epochs().size());
  }

  /** Calls {@code put(quantity, interval)} for energy, CO2 and duration. */
  static void eachQuantity(Forecast f, BiConsumer<String, ForecastInterval> put) {
    put.accept(ENERGY, f.energyJoules());
    put.accept(CO2, f.co2Grams());
    put.accept(DURATION, f.durationSeconds());
  }

  /** The first forecast's error, which says how early the run's cost could be known. */
  static Optional<ForecastError> firstForecastError(RunRecord run) {
    List<ForecastError> errors = run.forecasts().errors();
    return errors.isEmpty() ? Optional.empty() : Optional.of(errors.get(0));
  }

  static String criterion(BestEpoch best) {
    return best.criterion().name().toLowerCase(Locale.ROOT);
  }

  static Optional<BestEpoch> best(RunEfficiency efficiency) {
    return efficiency.best();
  }

  static Double value(OptionalDouble d) {
    return d.isPresent() ? d.getAsDouble() : null;
  }

  /** "61.0 J [55.2–66.8]" for the console. */
  static String describe(Forecast f) {
    return String.format(
        Locale.ROOT,
        "forecast for %d epochs: %s [%s–%s], %s CO2e, %.1f s",
        f.plannedEpochs(),
        ConsoleReporter.energy(f.energyJoules().point()),
        ConsoleReporter.energy(f.energyJoules().low()),
        ConsoleReporter.energy(f.energyJoules().high()),
        ConsoleReporter.grams(f.co2Grams().point()),
        f.durationSeconds().point());
  }
}
