package dev.jouletrace.export;

import dev.jouletrace.accounting.EpochAccount;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.export.page.PowerSeries;
import dev.jouletrace.export.page.PowerTrace;
import dev.jouletrace.export.page.ReportPage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The local report, one folder per JVM. Each finished epoch is appended once to {@code
 * epochs.jsonl} and {@code epochs.csv}, flushed at most {@link #FLUSH_INTERVAL_NANOS} after it
 * ended and at every run's end, so a killed JVM keeps every epoch finished before the last flush.
 * {@code report.json} (whose epochs are copied from {@code epochs.jsonl}), {@code power.csv} (the
 * sampler's power series, bounded) and {@code report.html} are rendered when a run ends, every
 * {@link #RENDER_INTERVAL_NANOS} while epochs arrive, and at exit, each replaced atomically;
 * rendering never takes more than a twentieth of the time.
 */
public final class ReportFiles implements RunListener {
  /** Appended epochs reach the files at most this long after they ended. */
  public static final long FLUSH_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** While a run goes on, the aggregate files are refreshed this often. */
  public static final long RENDER_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** Rendering may take at most 1/this of the time: the next waits that many render times. */
  static final int RENDER_COST_SHARE = 20;

  /** Lines that may wait in memory while the folder cannot be written. */
  static final int MAX_BACKLOG_BYTES = 8 * 1024 * 1024;

  /** Finished runs beyond this many keep fewer chart points. */
  static final int DETAILED_FINISHED_RUNS = 32;

  private static final int COMPACT_POINTS = 32;

  private final Path folder;
  private final Set<ReportFormat> formats;
  private final Map<String, String> jvm;
  private final List<Map<String, String>> probes;
  private final Consumer<String> problems;
  private final Supplier<Map<String, Object>> exportFacts;
  private final PowerSeries power;
  private final Map<Integer, RunLedger> runs = new LinkedHashMap<>();
  private final EpochLog log;
  private final EpochsCsv csv;
  private boolean appended;
  private boolean changed;
  private boolean runEnded;
  private long lastFlush = System.nanoTime();
  private long lastRender = System.nanoTime();
  private long nextRenderAllowed;
  private long lastRenderNanos;

  /**
   * What the next render is expected to cost, from the renders after the first (the first one also
   * loads and compiles the writers' code, many times a steady render's cost); 0 before.
   */
  private long steadyRenderNanos;

  private int renders;
  private long lastRenderedLogBytes;
  private boolean failing;
  private int generations;
  private int finishedRuns;

  /**
   * @param folder this JVM's report folder; created on the first write
   * @param jvm facts about the JVM and Jouletrace, written under "jvm"
   * @param probes one map per probe tried (probe, state, measures, detail, remedy)
   * @param problems where a failure to write goes (once per failure, and once when it recovers)
   * @param exportFacts figures about the export itself (what was lost, what was not delivered),
   *     written under "export" at each render
   */
  public ReportFiles(
      Path folder,
      Set<ReportFormat> formats,
      Map<String, String> jvm,
      List<Map<String, String>> probes,
      Consumer<String> problems,
      Supplier<Map<String, Object>> exportFacts) {
    this(folder, formats, jvm, probes, problems, exportFacts, null);
  }

  /**
   * @param power the power the sampler sees, written to {@code power.csv} and charted; or null
   */
  public ReportFiles(
      Path folder,
      Set<ReportFormat> formats,
      Map<String, String> jvm,
      List<Map<String, String>> probes,
      Consumer<String> problems,
      Supplier<Map<String, Object>> exportFacts,
      PowerSeries power) {
    this.power = power;
    this.folder = folder;
    this.formats = formats.isEmpty() ? EnumSet.noneOf(ReportFormat.class) : EnumSet.copyOf(formats);
    this.jvm = jvm;
    this.probes = probes;
    this.problems = problems;
    this.exportFacts = exportFacts;
    this.log =
        this.formats.contains(ReportFormat.JSON) ? new EpochLog(folder, MAX_BACKLOG_BYTES) : null;
    this.csv =
        this.formats.contains(ReportFormat.CSV) ? new EpochsCsv(folder, MAX_BACKLOG_BYTES) : null;
  }

  public Path folder() {
    return folder;
  }

  @Override
  public void runStarted(RunLedger run) {
    runs.put(run.number(), run);
    changed = true;
  }

  @Override
  public void epochFinished(RunLedger run, EpochAccount epoch) {
    if (log != null) {
      log.append(epoch);
    }
    if (csv != null) {
      csv.append(epoch);
    }
    appended = true;
    changed = true;
  }

  @Override
  public void runFinished(RunLedger run) {
    changed = true;
    runEnded = true;
    flushFiles();
    if (++finishedRuns > DETAILED_FINISHED_RUNS) {
      compactOldestDetailedRun();
    }
  }

  @Override
  public void idle(long now) {
    if (appended && now - lastFlush >= FLUSH_INTERVAL_NANOS) {
      flushFiles();
    }
    if (changed
        && now - nextRenderAllowed >= 0
        && (runEnded || now - lastRender >= RENDER_INTERVAL_NANOS)) {
      render();
    }
  }

  @Override
  public void close(long deadlineNanos) {
    flushFiles();
    if (changed) {
      long remaining = deadlineNanos - System.nanoTime();
      if (renderFits(remaining)) {
        render();
      } else {
        problems.accept(
            "report.json and report.html were not brought up to date at exit ("
                + Math.max(0, remaining / 1_000_000)
                + " ms left within jouletrace.exit.timeout_ms, a render takes about "
                + steadyRenderNanos / 1_000_000
                + " ms; raise jouletrace.exit.timeout_ms to keep it); "
                + EpochLog.FILE
                + " and "
                + EpochsCsv.FILE
                + " in "
                + folder
                + " hold every epoch");
      }
    }
    if (log != null) {
      log.file().close();
    }
    if (csv != null) {
      csv.file().close();
    }
  }

  /**
   * After {@link #close}: the export facts changed (spans were found undelivered by the exit
   * flush); report.json is written again with them if that fits before {@code deadlineNanos}.
   */
  public void exportFactsChanged(long deadlineNanos) {
    if (log == null || !renderFits(deadlineNanos - System.nanoTime())) {
      return;
    }
    try {
      writeJson();
    } catch (IOException | RuntimeException e) {
      problems.accept(
          "cannot write the export facts into " + folder.resolve("report.json") + " (" + e + ")");
    }
  }

  /** Whether a render is expected to end within {@code remainingNanos}, judged by the last one. */
  private boolean renderFits(long remainingNanos) {
    if (steadyRenderNanos == 0 || log == null) {
      return remainingNanos > 0;
    }
    double growth = Math.max(1.0, (double) log.file().size() / Math.max(1, lastRenderedLogBytes));
    return steadyRenderNanos * growth < remainingNanos;
  }

  private void flushFiles() {
    boolean ok = true;
    for (AppendedFile f : files()) {
      ok &= f.flush();
    }
    lastFlush = System.nanoTime();
    appended = !ok;
    int g = 0;
    for (AppendedFile f : files()) {
      g += f.generation();
    }
    if (g > generations) {
      generations = g;
      problems.accept(
          "the report folder "
              + folder
              + " was removed while the JVM ran; it is written again from now on, and the epochs"
              + " written to it before are gone with it (report.json still counts them in its"
              + " totals)");
    }
    if (!ok && !failing) {
      failing = true;
      problems.accept(
          "cannot write the report in "
              + folder
              + " ("
              + firstFailure()
              + "); the training goes on, finished epochs wait in memory (up to "
              + MAX_BACKLOG_BYTES / (1024 * 1024)
              + " MB) and writing resumes when the folder is writable again."
              + " Or set jouletrace.report.dir to a writable directory.");
    } else if (ok && failing) {
      failing = false;
      problems.accept("the report in " + folder + " is written again");
    }
  }

  private List<AppendedFile> files() {
    List<AppendedFile> list = new ArrayList<>(2);
    if (log != null) {
      list.add(log.file());
    }
    if (csv != null) {
      list.add(csv.file());
    }
    return list;
  }

  private String firstFailure() {
    for (AppendedFile f : files()) {
      if (f.lastFailure() != null) {
        return f.lastFailure().toString();
      }
    }
    return "unknown error";
  }

  private void render() {
    long started = System.nanoTime();
    changed = false;
    runEnded = false;
    try {
      Files.createDirectories(folder);
      if (log != null) {
        writeJson();
      }
      PowerTrace trace = power == null ? null : power.trace();
      if (trace != null) {
        String csvText = trace.toCsv();
        writeAtomically(
            folder.resolve(PowerTrace.FILE),
            out -> out.write(csvText.getBytes(StandardCharsets.UTF_8)));
      }
      if (formats.contains(ReportFormat.HTML)) {
        String page = ReportPage.render(runs.values(), trace);
        writeAtomically(
            folder.resolve("report.html"), out -> out.write(page.getBytes(StandardCharsets.UTF_8)));
      }
    } catch (IOException | RuntimeException e) {
      changed = true;
      if (!failing) {
        failing = true;
        problems.accept(
            "cannot write the report in "
                + folder
                + " ("
                + e
                + "); the training goes on and writing is tried again later."
                + " Or set jouletrace.report.dir to a writable directory.");
      }
    }
    long now = System.nanoTime();
    lastRenderNanos = now - started;
    if (++renders > 1) {
      steadyRenderNanos = lastRenderNanos;
    }
    lastRender = now;
    nextRenderAllowed = now + RENDER_COST_SHARE * lastRenderNanos;
  }

  private void writeJson() throws IOException {
    writeAtomically(
        folder.resolve("report.json"),
        out -> ReportJson.render(out, jvm, probes, exportFacts.get(), runs.values(), log::copyRun));
    lastRenderedLogBytes = log.file().size();
  }

  /** A finished run beyond the most recent few keeps a coarser chart series. */
  private void compactOldestDetailedRun() {
    int seen = 0;
    for (RunLedger run : runs.values()) {
      if (run.finished() && seen++ < finishedRuns - DETAILED_FINISHED_RUNS) {
        run.series().compact(COMPACT_POINTS);
      }
    }
  }

  /** Something that writes a whole file's content. */
  private interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private static void writeAtomically(Path target, Content content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
      content.writeTo(out);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
