package dev.jouletrace.export;

import dev.jouletrace.accounting.EpochAccount;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.TrainingMetrics;
import dev.jouletrace.accounting.carbon.EpochCarbon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@code epochs.csv}: one row per epoch of every run, the main columns only, appended once. */
final class EpochsCsv {
  static final String FILE = "epochs.csv";
  static final String HEADER =
      "run,framework,epoch,status,start,end,duration_s,batches,energy_j,energy_method,"
          + "power_w,co2_g,co2_embodied_g,carbon_intensity_g_per_kwh,pue,train_loss,"
          + "validation_loss,validation_accuracy\n";

  private final AppendedFile file;
  private final StringBuilder row = new StringBuilder(256);

  EpochsCsv(Path folder, int maxBacklogBytes) {
    this.file =
        new AppendedFile(
            folder.resolve(FILE), HEADER.getBytes(StandardCharsets.UTF_8), maxBacklogBytes);
  }

  AppendedFile file() {
    return file;
  }

  void append(EpochAccount account) {
    file.append(row(account).getBytes(StandardCharsets.UTF_8));
  }

  String row(EpochAccount account) {
    EpochRecord e = account.record();
    EpochCarbon c = account.carbon();
    TrainingMetrics m = e.metrics();
    row.setLength(0);
    row.append(e.runNumber()).append(',');
    cell(e.framework()).append(',');
    row.append(e.index()).append(',');
    row.append(e.status().label()).append(',');
    row.append(e.start()).append(',');
    row.append(e.end()).append(',');
    number(e.durationSeconds()).append(',');
    row.append(e.batches()).append(',');
    number(e.energyJoules()).append(',');
    row.append(e.energy().method().label()).append(',');
    number(e.meanPowerWatts()).append(',');
    number(c.operationalGrams()).append(',');
    number(c.embodiedGrams()).append(',');
    number(c.intensity().gramsPerKwh()).append(',');
    number(c.pue().value()).append(',');
    number(m.trainLoss()).append(',');
    number(m.validationLoss()).append(',');
    number(m.validationAccuracy()).append('\n');
    return row.toString();
  }

  /** Nine significant digits; empty for a figure that was not reported (NaN). */
  private StringBuilder number(double d) {
    if (!Double.isNaN(d)) {
      Decimals.appendSignificant(row, d, 9);
    }
    return row;
  }

  /** A framework name may be user-chosen: quoted when it holds a separator. */
  private StringBuilder cell(String text) {
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0) {
      return row.append(text);
    }
    return row.append('"').append(text.replace("\"", "\"\"")).append('"');
  }
}
