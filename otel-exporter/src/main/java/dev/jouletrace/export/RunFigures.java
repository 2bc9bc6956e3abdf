package dev.jouletrace.export;

import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.efficiency.BestEpoch;
import dev.jouletrace.accounting.forecast.Forecast;
import dev.jouletrace.accounting.forecast.ForecastError;
import dev.jouletrace.accounting.forecast.ForecastInterval;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiConsumer;

/**
 * The derived figures every output shows the same way: the run's forecast and its errors, best
 * epoch criterion, optional figures. Outputs name each figure with their own keys.
 */
final class RunFigures {
  static final String ENERGY = "energy_joules";
  static final String CO2 = "co2_grams";
  static final String DURATION = "duration_seconds";

  private RunFigures() {}

  /** Calls {@code put(quantity, interval)} for energy, CO2 and duration. */
  static void eachQuantity(Forecast f, BiConsumer<String, ForecastInterval> put) {
    put.accept(ENERGY, f.energyJoules());
    put.accept(CO2, f.co2Grams());
    put.accept(DURATION, f.durationSeconds());
  }

  /**
   * How wrong the kept forecasts were: only for a run that is over and ran its planned length (an
   * early stop, or a failure, makes every forecast wrong by design: they assumed the plan).
   */
  static List<ForecastError> forecastErrors(RunLedger run) {
    return run.finished() && run.ranPlannedLength() ? run.forecasts().errors() : List.of();
  }

  /** The first forecast's error, which says how early the run's cost could be known. */
  static Optional<ForecastError> firstForecastError(RunLedger run) {
    List<ForecastError> errors = forecastErrors(run);
    return errors.isEmpty() ? Optional.empty() : Optional.of(errors.get(0));
  }

  static String criterion(BestEpoch best) {
    return best.criterion().name().toLowerCase(Locale.ROOT);
  }

  /** The figure, or NaN when it was not reported. */
  static double value(OptionalDouble d) {
    return d.isPresent() ? d.getAsDouble() : Double.NaN;
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
