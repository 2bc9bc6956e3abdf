package dev.jouletrace.export.page;

import dev.jouletrace.accounting.EpochSeries;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.efficiency.BestEpoch;
import dev.jouletrace.accounting.efficiency.Equivalences;
import dev.jouletrace.accounting.efficiency.RunEfficiency;
import dev.jouletrace.accounting.forecast.Forecast;
import dev.jouletrace.accounting.forecast.ForecastError;
import dev.jouletrace.probe.EnergyDomain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the page shows of one run, every figure taken as the accounting computed it: from the run's
 * ledger while the agent runs, or from {@code report.json} when a folder is read back. Filled once
 * by one of the two factories, then only read.
 */
final class RunView {
  /** Points charted per run at most (the chart series keeps at most this many while running). */
  static final int MAX_POINTS = EpochSeries.DEFAULT_CAPACITY;

  String label;
  int number;
  String framework;
  String status;
  long startMillis;
  long endMillis;
  int epochs;
  double durationSeconds;
  double energyJoules;
  double epochsEnergyJoules;
  String energyMethod;
  double co2OperationalGrams;
  double co2EmbodiedGrams;
  double co2Grams;
  double carKm;
  double smartphoneCharges;
  double intensityGramsPerKwh = Double.NaN;
  String intensitySource = "";
  int intensityYear;
  String zone = "";
  double pue = Double.NaN;
  String pueSource = "";

  /** -1 when no epoch reported a loss or accuracy. */
  int bestEpoch = -1;

  /** lowest_validation_loss, highest_validation_accuracy or lowest_training_loss. */
  String bestCriterion = "";

  double energyAfterBestJoules;
  double energyAfterBestShare;
  List<EpochPoint> points = new ArrayList<>();
  List<Domain> domains = new ArrayList<>();
  ForecastView forecast;
  PowerTrace power = PowerTrace.empty();

  /** One energy domain: id, kind (cpu, dram, gpu…) and how it is obtained. */
  static final class Domain {
    final String id;
    final String kind;
    final String method;

    Domain(String id, String kind, String method) {
      this.id = id;
      this.kind = kind;
      this.method = method;
    }
  }

  /** The latest forecast of the run's CO2e with its interval, and the kept forecasts' errors. */
  static final class ForecastView {
    int afterEpochs;
    int plannedEpochs;
    double co2Low;
    double co2Point;
    double co2High;

    /** Per kept forecast: {after epochs, relative error of its CO2e}. */
    List<double[]> co2Errors = new ArrayList<>();
  }

  /** The run as its ledger holds it now, with the power the sampler saw. */
  static RunView of(RunLedger run, PowerTrace power, String label) {
    RunView v = new RunView();
    v.label = label;
    v.number = run.number();
    v.framework = run.framework();
    v.status = run.status().label();
    v.startMillis = run.start().start().toEpochMilli();
    v.epochs = run.epochs();
    v.durationSeconds = run.durationSeconds();
    v.endMillis = v.startMillis + Math.round(v.durationSeconds * 1e3);
    v.energyJoules = run.energyJoules();
    v.epochsEnergyJoules = run.epochsEnergyJoules();
    v.energyMethod = run.energyMethod().label();
    v.co2OperationalGrams = run.co2OperationalGrams();
    v.co2EmbodiedGrams = run.co2EmbodiedGrams();
    v.co2Grams = run.co2Grams();
    v.carKm = Equivalences.carKilometres(run.co2Grams());
    v.smartphoneCharges = Equivalences.smartphoneCharges(run.co2Grams());
    if (run.lastIntensity() != null) {
      v.intensityGramsPerKwh = run.lastIntensity().gramsPerKwh();
      v.intensitySource = run.lastIntensity().source();
      v.intensityYear = run.lastIntensity().year();
      v.zone = run.lastIntensity().zone();
    }
    if (run.lastPue() != null) {
      v.pue = run.lastPue().value();
      v.pueSource = run.lastPue().source();
    }
    RunEfficiency eff = run.efficiency();
    if (eff.best().isPresent()) {
      BestEpoch best = eff.best().get();
      v.bestEpoch = best.epoch();
      v.bestCriterion = best.criterion().name().toLowerCase(Locale.ROOT);
      v.energyAfterBestJoules = eff.energyAfterBestJoules();
      v.energyAfterBestShare = eff.shareOfEnergyAfterBest();
    }
    for (EnergyDomain d : run.series().domains()) {
      v.domains.add(new Domain(d.id(), d.kind().label(), d.method().label()));
    }
    for (EpochSeries.Point p : run.series().points()) {
      v.points.add(point(p, v.domains.size()));
    }
    if (run.forecasts().latest().isPresent()) {
      Forecast f = run.forecasts().latest().get();
      ForecastView fv = new ForecastView();
      fv.afterEpochs = f.afterEpochs();
      fv.plannedEpochs = f.plannedEpochs();
      fv.co2Low = f.co2Grams().low();
      fv.co2Point = f.co2Grams().point();
      fv.co2High = f.co2Grams().high();
      if (run.finished() && run.ranPlannedLength()) {
        for (ForecastError e : run.forecasts().errors()) {
          fv.co2Errors.add(new double[] {e.afterEpochs(), e.co2RelativeError()});
        }
      }
      v.forecast = fv;
    }
    v.power = power == null ? PowerTrace.empty() : power.within(v.startMillis, v.endMillis);
    return v;
  }

  private static EpochPoint point(EpochSeries.Point p, int domains) {
    EpochPoint e = new EpochPoint();
    e.firstIndex = p.firstIndex();
    e.lastIndex = p.lastIndex();
    e.epochs = p.epochs();
    e.notCompleted = p.notCompleted();
    e.startMillis = p.start().toEpochMilli();
    e.endMillis = p.end().toEpochMilli();
    e.durationSeconds = p.durationSeconds();
    e.energyJoules = p.energyJoules();
    e.domainJoules = new double[domains];
    for (int d = 0; d < domains; d++) {
      e.domainJoules[d] = p.domainJoules(d);
    }
    e.method = p.method().label();
    e.co2OperationalGrams = p.co2OperationalGrams();
    e.co2Grams = p.co2Grams();
    e.cumulativeJoules = p.cumulativeJoules();
    e.cumulativeCo2Grams = p.cumulativeCo2Grams();
    e.trainLoss = p.trainLoss();
    e.validationLoss = p.validationLoss();
    e.validationAccuracy = p.validationAccuracy();
    e.lossImprovementPerKj = p.lossImprovementPerKilojoule();
    e.accuracyGainPerKj = p.accuracyGainPerKilojoule();
    List<Instant> w = p.validationWindows();
    e.validationWindows = new long[w.size()];
    for (int i = 0; i < w.size(); i++) {
      e.validationWindows[i] = w.get(i).toEpochMilli();
    }
    return e;
  }

  /** A run of {@code report.json} (one element of its {@code runs}), with the folder's power. */
  @SuppressWarnings("unchecked")
  static RunView fromJson(Map<String, Object> run, PowerTrace power, String label) {
    RunView v = new RunView();
    v.label = label;
    v.number = (int) num(run, "number", 0);
    v.framework = str(run, "framework");
    v.status = str(run, "status");
    v.startMillis = Instant.parse(str(run, "start")).toEpochMilli();
    Map<String, Object> t = map(run.get("totals"));
    v.epochs = (int) num(t, "epochs", 0);
    v.durationSeconds = num(t, "duration_s", 0);
    v.endMillis =
        run.get("end") instanceof String
            ? Instant.parse(str(run, "end")).toEpochMilli()
            : v.startMillis + Math.round(v.durationSeconds * 1e3);
    v.energyJoules = num(t, "energy_j", 0);
    v.epochsEnergyJoules = num(t, "epochs_energy_j", v.energyJoules);
    v.energyMethod = str(t, "energy_method");
    v.co2OperationalGrams = num(t, "co2_operational_g", 0);
    v.co2EmbodiedGrams = num(t, "co2_embodied_g", 0);
    v.co2Grams = num(t, "co2_g", 0);
    v.carKm = num(t, "equivalent_car_km", Double.NaN);
    v.smartphoneCharges = num(t, "equivalent_smartphone_charges", Double.NaN);
    if (t.get("best_epoch") instanceof Double) {
      v.bestEpoch = (int) num(t, "best_epoch", -1);
      v.bestCriterion = str(t, "best_epoch_criterion");
      v.energyAfterBestJoules = num(t, "energy_after_best_j", 0);
      v.energyAfterBestShare = num(t, "energy_after_best_share", 0);
    }
    List<EpochPoint> all = new ArrayList<>();
    double cumJ = 0;
    double cumCo2 = 0;
    for (Object o : (List<Object>) run.getOrDefault("epochs", List.of())) {
      Map<String, Object> e = map(o);
      if (v.domains.isEmpty()) {
        for (Object d : (List<Object>) e.getOrDefault("domains", List.of())) {
          Map<String, Object> dm = map(d);
          v.domains.add(new Domain(str(dm, "id"), str(dm, "kind"), str(dm, "method")));
        }
        v.intensityGramsPerKwh = num(e, "carbon_intensity_g_per_kwh", Double.NaN);
        v.intensitySource = str(e, "carbon_intensity_source");
        v.intensityYear = (int) num(e, "carbon_intensity_year", 0);
        v.zone = str(e, "carbon_zone");
        v.pue = num(e, "pue", Double.NaN);
        v.pueSource = str(e, "pue_source");
      }
      EpochPoint p = new EpochPoint();
      p.firstIndex = (int) num(e, "index", 0);
      p.lastIndex = p.firstIndex;
      p.epochs = 1;
      p.notCompleted = "completed".equals(str(e, "status")) ? 0 : 1;
      p.startMillis = Instant.parse(str(e, "start")).toEpochMilli();
      p.endMillis = Instant.parse(str(e, "end")).toEpochMilli();
      p.durationSeconds = num(e, "duration_s", 0);
      p.energyJoules = num(e, "energy_j", 0);
      p.domainJoules = new double[v.domains.size()];
      for (Object d : (List<Object>) e.getOrDefault("domains", List.of())) {
        Map<String, Object> dm = map(d);
        for (int i = 0; i < v.domains.size(); i++) {
          if (v.domains.get(i).id.equals(str(dm, "id"))) {
            p.domainJoules[i] += num(dm, "energy_j", 0);
          }
        }
      }
      p.method = str(e, "energy_method");
      p.co2OperationalGrams = num(e, "co2_g", 0);
      p.co2Grams = p.co2OperationalGrams + num(e, "co2_embodied_g", 0);
      cumJ += p.energyJoules;
      cumCo2 += p.co2Grams;
      p.cumulativeJoules = cumJ;
      p.cumulativeCo2Grams = cumCo2;
      p.trainLoss = num(e, "train_loss", Double.NaN);
      p.validationLoss = num(e, "validation_loss", Double.NaN);
      p.validationAccuracy = num(e, "validation_accuracy", Double.NaN);
      p.lossImprovementPerKj = num(e, "loss_improvement_per_kj", Double.NaN);
      p.accuracyGainPerKj = num(e, "accuracy_gain_per_kj", Double.NaN);
      List<Object> vals = (List<Object>) e.getOrDefault("validation", List.of());
      p.validationWindows = new long[vals.size() * 2];
      for (int i = 0; i < vals.size(); i++) {
        Map<String, Object> w = map(vals.get(i));
        p.validationWindows[2 * i] = Instant.parse(str(w, "start")).toEpochMilli();
        p.validationWindows[2 * i + 1] = Instant.parse(str(w, "end")).toEpochMilli();
      }
      all.add(p);
    }
    v.points = EpochPoint.downsample(all, MAX_POINTS);
    Object f = run.get("forecast");
    if (f instanceof Map) {
      Map<String, Object> fm = map(f);
      ForecastView fv = new ForecastView();
      fv.afterEpochs = (int) num(fm, "after_epochs", 0);
      fv.plannedEpochs = (int) num(fm, "planned_epochs", 0);
      Map<String, Object> co2 = map(fm.get("co2_g"));
      fv.co2Low = num(co2, "low", Double.NaN);
      fv.co2Point = num(co2, "point", Double.NaN);
      fv.co2High = num(co2, "high", Double.NaN);
      for (Object o : (List<Object>) fm.getOrDefault("errors", List.of())) {
        Map<String, Object> err = map(o);
        fv.co2Errors.add(
            new double[] {num(err, "after_epochs", 0), num(err, "co2_relative_error", Double.NaN)});
      }
      v.forecast = fv;
    }
    v.power = power == null ? PowerTrace.empty() : power.within(v.startMillis, v.endMillis);
    return v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map ? (Map<String, Object>) o : Map.of();
  }

  private static double num(Map<String, Object> m, String key, double otherwise) {
    Object o = m.get(key);
    return o instanceof Double ? (Double) o : otherwise;
  }

  private static String str(Map<String, Object> m, String key) {
    Object o = m.get(key);
    return o == null ? "" : o.toString();
  }

  /** Whether any point has a validation loss, validation accuracy, training loss. */
  boolean hasAny(java.util.function.ToDoubleFunction<EpochPoint> f) {
    for (EpochPoint p : points) {
      if (!Double.isNaN(f.applyAsDouble(p))) {
        return true;
      }
    }
    return false;
  }
}
