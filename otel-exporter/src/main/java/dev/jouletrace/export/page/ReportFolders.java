package dev.jouletrace.export.page;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Report folders read back from disk: {@code report.json} and, when present, {@code power.csv}. */
final class ReportFolders {
  static final String REPORT_JSON = "report.json";

  private ReportFolders() {}

  /** Thrown when a folder is not a report folder, with a sentence saying why. */
  static final class NotAReport extends Exception {
    private static final long serialVersionUID = 1L;

    NotAReport(String message) {
      super(message);
    }
  }

  /**
   * Every run of every folder, in order; a run is labelled by its folder's name when there are
   * several folders.
   */
  static List<RunView> read(List<Path> folders) throws NotAReport {
    List<RunView> views = new ArrayList<>();
    for (Path folder : folders) {
      views.addAll(read(folder, folders.size() > 1));
    }
    return views;
  }

  @SuppressWarnings("unchecked")
  private static List<RunView> read(Path folder, boolean named) throws NotAReport {
    Path json = folder.resolve(REPORT_JSON);
    if (!Files.isRegularFile(json)) {
      throw new NotAReport(
          folder
              + " is not a Jouletrace report folder (it has no "
              + REPORT_JSON
              + "; a report folder is one of ./jouletrace-reports/<time>-pid<pid>/)");
    }
    Object parsed;
    try {
      parsed = Json.parse(Files.readString(json, StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      throw new NotAReport("cannot read " + json + ": " + e.getMessage());
    }
    if (!(parsed instanceof Map) || !(((Map<String, Object>) parsed).get("runs") instanceof List)) {
      throw new NotAReport(json + " has no list of runs");
    }
    PowerTrace power = PowerTrace.empty();
    Path csv = folder.resolve(PowerTrace.FILE);
    if (Files.isRegularFile(csv)) {
      try {
        power = PowerTrace.parseCsv(Files.readString(csv, StandardCharsets.UTF_8));
      } catch (IOException e) {
        // the page is drawn without the power chart's data; the chart says so
      }
    }
    String name = folder.toAbsolutePath().normalize().getFileName().toString();
    List<RunView> views = new ArrayList<>();
    for (Object run : (List<Object>) ((Map<String, Object>) parsed).get("runs")) {
      if (!(run instanceof Map)) {
        continue;
      }
      Map<String, Object> m = (Map<String, Object>) run;
      String label =
          (named ? name + " · run " : "run ")
              + number(m.get("number"))
              + " · "
              + m.getOrDefault("framework", "");
      try {
        views.add(RunView.fromJson(m, power, label));
      } catch (RuntimeException e) {
        throw new NotAReport(
            "cannot read run " + number(m.get("number")) + " of " + json + ": " + e);
      }
    }
    return views;
  }

  private static String number(Object o) {
    return o instanceof Double ? Long.toString(((Double) o).longValue()) : String.valueOf(o);
  }
}
