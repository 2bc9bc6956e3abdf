package dev.jouletrace.export;

import dev.jouletrace.accounting.FrameworkOutcome;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.efficiency.BestEpoch;
import dev.jouletrace.accounting.efficiency.Equivalences;
import dev.jouletrace.accounting.efficiency.RunEfficiency;
import dev.jouletrace.accounting.forecast.Forecast;
import dev.jouletrace.accounting.forecast.ForecastError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders {@code report.json}: the JVM, the probes tried, and every run with its totals and its
 * epochs. The epochs are copied from the epoch log as they were written, never re-rendered, so a
 * render costs a copy of the log, not the accounting of every epoch again.
 */
final class ReportJson {
  private static final Map<String, String> REPORT_QUANTITY =
      Map.of(
          RunFigures.ENERGY,
          "energy_j",
          RunFigures.CO2,
          "co2_g",
          RunFigures.DURATION,
          "duration_s");

  /** Where each run's epoch objects come from. */
  interface EpochSource {
    /** Writes the run's epoch objects, comma-separated, as the inside of a JSON array. */
    void copyRun(int run, OutputStream out) throws IOException;
  }

  private ReportJson() {}

  static void render(
      OutputStream out,
      Map<String, String> jvm,
      List<Map<String, String>> probes,
      Map<String, Object> export,
      Collection<RunLedger> runs,
      EpochSource epochs)
      throws IOException {
    JsonWriter w = new JsonWriter().beginObject();
    w.name("jvm").beginObject();
    for (Map.Entry<String, String> e : jvm.entrySet()) {
      w.name(e.getKey()).value(e.getValue());
    }
    w.endObject();
    w.name("probes").beginArray();
    for (Map<String, String> p : probes) {
      w.beginObject();
      for (Map.Entry<String, String> e : p.entrySet()) {
        w.name(e.getKey()).value(e.getValue());
      }
      w.endObject();
    }
    w.endArray();
    w.name("export").beginObject();
    for (Map.Entry<String, Object> e : export.entrySet()) {
      w.name(e.getKey());
      Object v = e.getValue();
      if (v instanceof Number) {
        w.value(((Number) v).longValue());
      } else if (v instanceof List) {
        w.beginArray();
        for (Object item : (List<?>) v) {
          w.value(String.valueOf(item));
        }
        w.endArray();
      } else {
        w.value(v == null ? null : v.toString());
      }
    }
    w.endObject();
    w.name("runs").beginArray();
    for (RunLedger run : runs) {
      writeRunHead(w, run);
      w.name("epochs").beginArray();
      flush(w, out);
      epochs.copyRun(run.number(), out);
      w.endArray();
      writeRunTail(w, run);
      w.endObject();
    }
    w.endArray();
    w.endObject();
    flush(w, out);
    out.write('\n');
  }

  /** Writes what the JSON writer holds and empties its buffer, keeping its nesting. */
  private static void flush(JsonWriter w, OutputStream out) throws IOException {
    CharSequence text = w.text();
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    w.drain();
  }

  private static void writeRunHead(JsonWriter w, RunLedger run) {
    w.beginObject()
        .name("number")
        .value(run.number())
        .name("framework")
        .value(run.framework())
        .name("status")
        .value(run.status().label())
        .name("start")
        .value(run.start().start().toString())
        .name("end")
        .value(run.end() == null ? null : run.end().toString())
        .name("implicit")
        .value(run.start().implicit())
        .name("attached_late")
        .value(run.start().attachedLate())
        .name("planned_epochs");
    if (run.start().plannedEpochs() >= 0) {
      w.value(run.start().plannedEpochs());
    } else {
      w.nullValue();
    }
    w.name("epochs_file").value(EpochLog.FILE);
  }

  private static void writeRunTail(JsonWriter w, RunLedger run) {
    w.name("totals")
        .beginObject()
        .name("epochs")
        .value(run.epochs())
        .name("epochs_lost")
        .value(run.epochsLost())
        .name("duration_s")
        .value(run.durationSeconds())
        .name("epoch_duration_s")
        .value(run.epochSeconds())
        .name("energy_j")
        .value(run.energyJoules())
        .name("epochs_energy_j")
        .value(run.epochsEnergyJoules())
        .name("between_epochs")
        .beginObject()
        .name("duration_s")
        .value(run.betweenEpochsSeconds())
        .name("energy_j")
        .value(run.betweenEpochsJoules())
        .name("co2_g")
        .value(run.betweenEpochsCo2Grams())
        .endObject()
        .name("energy_device_j")
        .value(run.deviceEnergyJoules())
        .name("energy_method")
        .value(run.energyMethod().label())
        .name("energy_method_reason")
        .value(run.energyMethodReason())
        .name("co2_operational_g")
        .value(run.co2OperationalGrams())
        .name("co2_embodied_g")
        .value(run.co2EmbodiedGrams())
        .name("co2_g")
        .value(run.co2Grams())
        .name("equivalent_car_km")
        .value(Equivalences.carKilometres(run.co2Grams()))
        .name("equivalent_smartphone_charges")
        .value(Equivalences.smartphoneCharges(run.co2Grams()));
    if (run.distributed()) {
      // Spark: energy_j = the driver's own share + every executor's task windows, listed here
      w.name("executors_energy_j").value(run.executorsEnergyJoules());
      EpochJson.writeExecutors(w, run.energyByExecutor());
    }
    RunEfficiency efficiency = run.efficiency();
    Optional<BestEpoch> best = efficiency.best();
    w.name("best_epoch");
    if (best.isPresent()) {
      w.value(best.get().epoch())
          .name("best_epoch_criterion")
          .value(RunFigures.criterion(best.get()))
          .name("energy_after_best_j")
          .value(efficiency.energyAfterBestJoules())
          .name("energy_after_best_share")
          .value(efficiency.shareOfEnergyAfterBest());
    } else {
      w.nullValue().name("energy_after_best_j").nullValue();
    }
    w.endObject();
    writeForecast(w, run);
    writeOutcome(w, run.outcome());
  }

  private static void writeOutcome(JsonWriter w, FrameworkOutcome o) {
    w.name("framework_outcome");
    if (o == null) {
      w.nullValue();
      return;
    }
    w.beginObject().name("best_epoch");
    if (o.bestEpoch() != null) {
      w.value(o.bestEpoch().longValue());
    } else {
      w.nullValue();
    }
    w.name("best_validation_score").value(o.bestScore()).name("stop_reason").value(o.reason());
    w.name("validation_scores").beginObject();
    for (Map.Entry<Integer, Double> score : new TreeMap<>(o.validationScores()).entrySet()) {
      w.name(Integer.toString(score.getKey())).value(score.getValue());
    }
    w.endObject().endObject();
  }

  /**
   * The latest forecast and, once a run that ran its planned length is over, how far off the kept
   * forecasts were.
   */
  private static void writeForecast(JsonWriter w, RunLedger run) {
    w.name("forecast");
    Optional<Forecast> latest = run.forecasts().latest();
    if (latest.isEmpty()) {
      w.nullValue();
      return;
    }
    Forecast f = latest.get();
    w.beginObject()
        .name("after_epochs")
        .value(f.afterEpochs())
        .name("planned_epochs")
        .value(f.plannedEpochs())
        .name("method")
        .value(f.method());
    RunFigures.eachQuantity(
        f,
        (quantity, interval) ->
            w.name(REPORT_QUANTITY.get(quantity))
                .beginObject()
                .name("low")
                .value(interval.low())
                .name("point")
                .value(interval.point())
                .name("high")
                .value(interval.high())
                .endObject());
    w.name("errors").beginArray();
    for (ForecastError err : RunFigures.forecastErrors(run)) {
      w.beginObject()
          .name("after_epochs")
          .value(err.afterEpochs())
          .name("energy_relative_error")
          .value(err.energyRelativeError())
          .name("co2_relative_error")
          .value(err.co2RelativeError())
          .name("duration_relative_error")
          .value(err.durationRelativeError())
          .name("energy_within_interval")
          .value(err.energyWithinInterval())
          .endObject();
    }
    w.endArray().endObject();
  }
}
