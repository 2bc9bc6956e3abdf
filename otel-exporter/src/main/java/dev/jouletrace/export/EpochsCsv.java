package dev.jouletrace.export;

import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.RunRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Renders {@code epochs.csv}: one row per epoch of every run, the main columns only. */
final class EpochsCsv {
  private EpochsCsv() {}

  static String render(Collection<RunRecord> runs) {
    StringBuilder s =
        new StringBuilder(
            "run,framework,epoch,status,start,end,duration_s,batches,energy_j,energy_method,"
                + "power_w,co2_g,co2_embodied_g,carbon_intensity_g_per_kwh,pue,train_loss,"
                + "validation_loss,validation_accuracy\n");
    for (RunRecord run : runs) {
      for (EpochRecord e : run.epochs()) {
        List<String> cells = new ArrayList<>();
        cells.add(Integer.toString(run.number()));
        cells.add(run.framework());
        cells.add(Integer.toString(e.index()));
        cells.add(e.status());
        cells.add(e.start().toString());
        cells.add(e.end().toString());
        cells.add(number(e.durationSeconds()));
        cells.add(Long.toString(e.batches()));
        cells.add(number(e.energyJoules()));
        cells.add(e.energyMethod());
        cells.add(number(e.meanPowerWatts()));
        cells.add(number(e.co2OperationalGrams()));
        cells.add(number(e.co2EmbodiedGrams()));
        cells.add(number(e.intensity().gramsPerKwh()));
        cells.add(number(e.pue().value()));
        cells.add(optional(e.trainLoss()));
        cells.add(optional(e.validationLoss()));
        cells.add(optional(e.validationAccuracy()));
        s.append(String.join(",", cells)).append('\n');
      }
    }
    return s.toString();
  }

  private static String number(double d) {
    return String.format(Locale.ROOT, "%.9g", d);
  }

  private static String optional(Double d) {
    return d == null || d.isNaN() ? "" : number(d);
  }
}
