package dev.jouletrace.export;

import dev.jouletrace.accounting.DomainEnergy;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.FrameworkOutcome;
import dev.jouletrace.accounting.RunRecord;
import dev.jouletrace.accounting.SubWindow;
import dev.jouletrace.accounting.efficiency.BestEpoch;
import dev.jouletrace.accounting.efficiency.EpochEfficiency;
import dev.jouletrace.accounting.efficiency.Equivalences;
import dev.jouletrace.accounting.efficiency.RunEfficiency;
import dev.jouletrace.accounting.forecast.Forecast;
import dev.jouletrace.accounting.forecast.ForecastError;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders {@code report.json}: the JVM, the probes tried, and every run with its epochs. */
final class ReportJson {
  private static final Map<String, String> REPORT_QUANTITY =
      Map.of(
          RunFigures.ENERGY,
          "energy_j",
          RunFigures.CO2,
          "co2_g",
          RunFigures.DURATION,
          "duration_s");

  private ReportJson() {}

  static String render(
      Map<String, String> jvm, List<Map<String, String>> probes, Collection<RunRecord> runs) {
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
    w.name("runs").beginArray();
    for (RunRecord run : runs) {
      writeRun(w, run);
    }
    w.endArray();
    return w.endObject().toString() + "\n";
  }

  private static void writeRun(JsonWriter w, RunRecord run) {
    w.beginObject()
        .name("number")
        .value(run.number())
        .name("framework")
        .value(run.framework())
        .name("status")
        .value(run.status())
        .name("start")
        .value(run.start().toString())
        .name("end")
        .value(run.end() == null ? null : run.end().toString())
        .name("implicit")
        .value(run.implicit())
        .name("attached_late")
        .value(run.attachedLate())
        .name("planned_epochs");
    if (run.plannedEpochs() >= 0) {
      w.value(run.plannedEpochs());
    } else {
      w.nullValue();
    }
    w.name("epochs").beginArray();
    for (EpochRecord e : run.epochs()) {
      writeEpoch(w, run, e);
    }
    w.endArray();
    w.name("totals")
        .beginObject()
        .name("epochs")
        .value(run.epochs().size())
        .name("duration_s")
        .value(run.durationSeconds())
        .name("epoch_duration_s")
        .value(run.epochSeconds())
        .name("energy_j")
        .value(run.energyJoules())
        .name("energy_device_j")
        .value(run.deviceEnergyJoules())
        .name("energy_method")
        .value(run.energyMethod())
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
    w.endObject();
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
    for (Map.Entry<Integer, Double> score :
        new java.util.TreeMap<>(o.validationScores()).entrySet()) {
      w.name(Integer.toString(score.getKey())).value(score.getValue());
    }
    w.endObject().endObject();
  }

  /** The latest forecast and, once the run is over, how far off every forecast was. */
  private static void writeForecast(JsonWriter w, RunRecord run) {
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
    if (run.end() != null) {
      for (ForecastError err : run.forecasts().errors()) {
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
    }
    w.endArray().endObject();
  }

  private static void writeEpoch(JsonWriter w, RunRecord run, EpochRecord e) {
    w.beginObject()
        .name("index")
        .value(e.index())
        .name("status")
        .value(e.status())
        .name("start")
        .value(e.start().toString())
        .name("end")
        .value(e.end().toString())
        .name("duration_s")
        .value(e.durationSeconds())
        .name("batches")
        .value(e.batches())
        .name("energy_j")
        .value(e.energyJoules())
        .name("energy_device_j")
        .value(e.deviceEnergyJoules())
        .name("energy_method")
        .value(e.energyMethod())
        .name("power_w")
        .value(e.meanPowerWatts())
        .name("co2_g")
        .value(e.co2OperationalGrams())
        .name("co2_embodied_g")
        .value(e.co2EmbodiedGrams())
        .name("carbon_intensity_g_per_kwh")
        .value(e.intensity().gramsPerKwh())
        .name("carbon_intensity_source")
        .value(e.intensity().source())
        .name("carbon_intensity_year")
        .value(e.intensity().year())
        .name("carbon_intensity_level")
        .value(e.intensity().level().label())
        .name("carbon_zone")
        .value(e.intensity().zone())
        .name("pue")
        .value(e.pue().value())
        .name("pue_source")
        .value(e.pue().source())
        .name("train_loss")
        .value(e.trainLoss())
        .name("train_accuracy")
        .value(e.trainAccuracy())
        .name("validation_loss")
        .value(e.validationLoss())
        .name("validation_accuracy")
        .value(e.validationAccuracy())
        .name("samples");
    if (e.samples() != null) {
      w.value(e.samples().longValue());
    } else {
      w.nullValue();
    }
    w.name("last_batch_loss").value(e.lastBatchLoss()).name("shared").value(e.shared());
    if (e.shared()) {
      w.name("share_rule").value(e.shareRule());
    }
    w.name("validation").beginArray();
    for (SubWindow v : e.validations()) {
      w.beginObject()
          .name("start")
          .value(v.start().toString())
          .name("end")
          .value(v.end().toString())
          .name("duration_s")
          .value(v.durationSeconds())
          .name("batches")
          .value(v.batches())
          .name("status")
          .value(v.status())
          .name("energy_j")
          .value(v.energyJoules())
          .name("energy_method")
          .value(v.energyMethod())
          .endObject();
    }
    w.endArray().name("measured_batches").value(e.batchWindows().size());
    Optional<EpochEfficiency> eff = RunFigures.efficiencyOf(run, e);
    w.name("samples_per_joule")
        .value(eff.map(x -> RunFigures.value(x.samplesPerJoule())).orElse(null))
        .name("joules_per_sample")
        .value(eff.map(x -> RunFigures.value(x.joulesPerSample())).orElse(null))
        .name("loss_improvement_per_kj")
        .value(eff.map(x -> RunFigures.value(x.lossImprovementPerKilojoule())).orElse(null))
        .name("accuracy_gain_per_kj")
        .value(eff.map(x -> RunFigures.value(x.accuracyGainPerKilojoule())).orElse(null));
    w.name("domains").beginArray();
    for (DomainEnergy d : e.domains()) {
      w.beginObject()
          .name("id")
          .value(d.domainId())
          .name("kind")
          .value(d.kind())
          .name("device")
          .value(d.device())
          .name("method")
          .value(d.method())
          .name("attribution")
          .value(d.attribution())
          .name("energy_j")
          .value(d.processJoules())
          .name("device_energy_j")
          .value(d.deviceJoules())
          .endObject();
    }
    w.endArray();
    w.endObject();
  }
}
