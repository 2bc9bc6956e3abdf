package dev.jouletrace.export;

import dev.jouletrace.accounting.EnergyWindow;
import dev.jouletrace.accounting.EpochAccount;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.ExecutorEnergy;
import dev.jouletrace.accounting.SubWindow;
import dev.jouletrace.accounting.TrainingMetrics;
import dev.jouletrace.accounting.carbon.EpochCarbon;
import dev.jouletrace.accounting.efficiency.EpochEfficiency;
import dev.jouletrace.probe.EnergyDomain;
import java.util.List;

/**
 * One epoch as a JSON object: a line of {@code epochs.jsonl}, and an element of its run's {@code
 * epochs} array in {@code report.json}. Written once, when the epoch is accounted.
 */
final class EpochJson {
  /** Every line starts with this, then the run number: how a line's run is found again. */
  static final String RUN_PREFIX = "{\"run\":";

  private EpochJson() {}

  static void write(JsonWriter w, EpochAccount account) {
    EpochRecord e = account.record();
    EpochCarbon c = account.carbon();
    TrainingMetrics m = e.metrics();
    EnergyWindow energy = e.energy();
    w.beginObject()
        .name("run")
        .value(e.runNumber())
        .name("index")
        .value(e.index())
        .name("status")
        .value(e.status().label())
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
        .value(energy.deviceTotal())
        .name("energy_method")
        .value(e.energyMethod().label())
        .name("energy_method_reason")
        .value(energy.methodReason())
        .name("power_w")
        .value(e.meanPowerWatts())
        .name("co2_g")
        .value(c.operationalGrams())
        .name("co2_embodied_g")
        .value(c.embodiedGrams())
        .name("carbon_intensity_g_per_kwh")
        .value(c.intensity().gramsPerKwh())
        .name("carbon_intensity_source")
        .value(c.intensity().source())
        .name("carbon_intensity_year")
        .value(c.intensity().year())
        .name("carbon_intensity_level")
        .value(c.intensity().level().label())
        .name("carbon_zone")
        .value(c.intensity().zone())
        .name("pue")
        .value(c.pue().value())
        .name("pue_source")
        .value(c.pue().source())
        .name("train_loss")
        .value(m.trainLoss())
        .name("train_accuracy")
        .value(m.trainAccuracy())
        .name("validation_loss")
        .value(m.validationLoss())
        .name("validation_accuracy")
        .value(m.validationAccuracy())
        .name("samples");
    if (e.samples() >= 0) {
      w.value(e.samples());
    } else {
      w.nullValue();
    }
    w.name("last_batch_loss").value(m.lastBatchLoss()).name("shared").value(e.shared());
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
          .value(v.status().label())
          .name("energy_j")
          .value(v.energyJoules())
          .name("energy_method")
          .value(v.energy().method().label())
          .name("energy_method_reason")
          .value(v.energy().methodReason())
          .endObject();
    }
    EpochEfficiency eff = account.efficiency();
    w.endArray()
        .name("measured_batches")
        .value(e.batchWindows().size())
        .name("samples_per_joule")
        .value(RunFigures.value(eff.samplesPerJoule()))
        .name("joules_per_sample")
        .value(RunFigures.value(eff.joulesPerSample()))
        .name("loss_improvement_per_kj")
        .value(RunFigures.value(eff.lossImprovementPerKilojoule()))
        .name("accuracy_gain_per_kj")
        .value(RunFigures.value(eff.accuracyGainPerKilojoule()));
    if (!e.executors().isEmpty() || e.driverHost() != null) {
      // a Spark driver's epoch: its own share, then each executor's task windows
      w.name("own_energy_j").value(e.ownEnergyJoules());
      w.name("executors_energy_j").value(e.executorsEnergyJoules());
      writeExecutors(w, e.executors());
    }
    w.name("domains").beginArray();
    for (int i = 0; i < energy.size(); i++) {
      EnergyDomain d = energy.domain(i);
      w.beginObject()
          .name("id")
          .value(d.id())
          .name("kind")
          .value(d.kind().label())
          .name("device")
          .value(d.device())
          .name("method")
          .value(d.method().label())
          .name("attribution")
          .value(d.attribution())
          .name("energy_j")
          .value(energy.processJoules(i))
          .name("device_energy_j")
          .value(energy.deviceJoules(i))
          .endObject();
    }
    w.endArray().endObject();
  }

  /** Per Spark executor: id, host, energy, method, task windows and their batches. */
  static void writeExecutors(JsonWriter w, List<ExecutorEnergy> executors) {
    w.name("executors").beginArray();
    for (ExecutorEnergy x : executors) {
      w.beginObject()
          .name("executor_id")
          .value(x.executorId())
          .name("host")
          .value(x.host())
          .name("energy_j")
          .value(x.joules())
          .name("energy_method")
          .value(x.method().label())
          .name("tasks")
          .value(x.tasks())
          .name("batches")
          .value(x.batches())
          .endObject();
    }
    w.endArray();
  }
}
