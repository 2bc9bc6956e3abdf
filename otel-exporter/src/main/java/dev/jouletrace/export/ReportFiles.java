package dev.jouletrace.export;

import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.RunRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The local report: {@code report.json}, {@code epochs.csv} and {@code report.html} in one folder
 * per JVM, rewritten atomically after every epoch so that a killed JVM keeps every finished epoch.
 */
public final class ReportFiles implements RunListener {
  private final Path folder;
  private final boolean json;
  private final boolean csv;
  private final boolean html;
  private final Map<String, String> jvm;
  private final List<Map<String, String>> probes;
  private final Consumer<String> problems;
  private final Map<Integer, RunRecord> runs = new LinkedHashMap<>();
  private boolean failed;

  /**
   * @param folder this JVM's report folder; created on the first write
   * @param jvm facts about the JVM and Jouletrace, written under "jvm"
   * @param probes one map per probe tried (probe, state, measures, detail, remedy)
   * @param problems where a failure to write goes (once)
   */
  public ReportFiles(
      Path folder,
      boolean json,
      boolean csv,
      boolean html,
      Map<String, String> jvm,
      List<Map<String, String>> probes,
      Consumer<String> problems) {
    this.folder = folder;
    this.json = json;
    this.csv = csv;
    this.html = html;
    this.jvm = jvm;
    this.probes = probes;
    this.problems = problems;
  }

  public Path folder() {
    return folder;
  }

  @Override
  public void runStarted(RunRecord run) {
    runs.put(run.number(), run);
  }

  @Override
  public void epochFinished(RunRecord run, EpochRecord epoch) {
    runs.put(run.number(), run);
    write();
  }

  @Override
  public void runFinished(RunRecord run) {
    runs.put(run.number(), run);
    write();
  }

  @Override
  public void close() {
    // every change is already on disk
  }

  private void write() {
    if (failed) {
      return;
    }
    try {
      Files.createDirectories(folder);
      if (json) {
        writeAtomically(
            folder.resolve("report.json"), ReportJson.render(jvm, probes, runs.values()));
      }
      if (csv) {
        writeAtomically(folder.resolve("epochs.csv"), EpochsCsv.render(runs.values()));
      }
      if (html) {
        writeAtomically(folder.resolve("report.html"), HtmlReport.render(runs.values()));
      }
    } catch (IOException | RuntimeException e) {
      failed = true;
      problems.accept(
          "cannot write the report in "
              + folder
              + " ("
              + e
              + "); set jouletrace.report.dir to a writable directory."
              + " Spans and console lines are unaffected.");
    }
  }

  private static void writeAtomically(Path target, String content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(tmp, content.getBytes(StandardCharsets.UTF_8));
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
