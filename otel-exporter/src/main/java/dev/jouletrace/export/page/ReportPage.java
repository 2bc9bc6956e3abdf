package dev.jouletrace.export.page;

import dev.jouletrace.accounting.RunLedger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.html}: one self-contained page (inline SVG and CSS; nothing fetched, no script)
 * with, per run, the learning curve against energy, power over time, energy per epoch by domain,
 * efficiency per epoch, cumulative CO2e against the forecasts, summary cards and the epoch table;
 * with several runs, a selector (radio buttons and CSS) and a comparison of their learning curves.
 */
public final class ReportPage {
  private ReportPage() {}

  /** The page of a JVM's runs as their ledgers hold them, with the power the sampler saw. */
  public static String render(Collection<RunLedger> runs, PowerTrace power) {
    List<RunView> views = new ArrayList<>();
    for (RunLedger run : runs) {
      views.add(RunView.of(run, power, "run " + run.number() + " · " + run.framework()));
    }
    return render(views, "");
  }

  static String render(List<RunView> runs, String origin) {
    StringBuilder h = new StringBuilder(65_536);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Jouletrace report</title><style>")
        .append(Style.CSS);
    boolean several = runs.size() > 1;
    if (several) {
      h.append(".run{display:none}");
      for (int i = 0; i < runs.size(); i++) {
        h.append(
            String.format(
                Locale.ROOT,
                "#pick-%d:checked~main #view-%d{display:block}"
                    + "#pick-%d:checked~nav label[for=pick-%d]{background:#0072B2;color:#fff}",
                i,
                i,
                i,
                i));
      }
    }
    h.append("</style></head><body>\n<header><h1>Jouletrace report</h1>");
    h.append("<p class=\"sub\">Energy and CO2e of each training epoch")
        .append(origin.isEmpty() ? "" : " · " + Html.escape(origin))
        .append("</p></header>\n");
    if (runs.isEmpty()) {
      return h.append("<p>No training run was seen yet.</p></body></html>\n").toString();
    }
    if (several) {
      for (int i = 0; i < runs.size(); i++) {
        h.append("<input type=\"radio\" class=\"pick\" name=\"run\" id=\"pick-")
            .append(i)
            .append(i == 0 ? "\" checked>" : "\">");
      }
      h.append("<nav class=\"picker\" aria-label=\"runs\"><span>Show run:</span>");
      for (int i = 0; i < runs.size(); i++) {
        h.append("<label for=\"pick-")
            .append(i)
            .append("\">")
            .append(Html.escape(runs.get(i).label))
            .append("</label>");
      }
      h.append("</nav>\n");
    }
    h.append("<main>\n");
    if (several) {
      Comparison.render(h, runs);
    }
    for (int i = 0; i < runs.size(); i++) {
      RunSection.render(h, runs.get(i), i);
    }
    h.append("</main>\n<footer><p>")
        .append(
            "Energy is what the meter charged to this JVM: measured from hardware counters,"
                + " integrated from power readings, or estimated where nothing can be read."
                + " CO2e = energy × grid intensity × PUE, plus amortised embodied emissions."
                + " Every epoch is in epochs.jsonl and epochs.csv; power over time in ")
        .append(PowerTrace.FILE)
        .append(".</p></footer>\n</body></html>\n");
    return h.toString();
  }
}
