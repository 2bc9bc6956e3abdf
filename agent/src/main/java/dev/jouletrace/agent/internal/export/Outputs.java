package dev.jouletrace.agent.internal.export;

import dev.jouletrace.accounting.carbon.CarbonModel;
import dev.jouletrace.accounting.forecast.RunForecaster;
import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.Settings;
import dev.jouletrace.agent.internal.config.AgentConfig;
import dev.jouletrace.agent.internal.config.ConfigKeys;
import dev.jouletrace.export.ConsoleReporter;
import dev.jouletrace.export.ReportFiles;
import dev.jouletrace.export.RunListener;
import dev.jouletrace.export.TraceExport;
import dev.jouletrace.export.Undelivered;
import dev.jouletrace.probe.DiscoveredProbes;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.ProbeStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything a run's figures go to: the trace, the report files, the console, via one pipeline. */
public final class Outputs {
  private static final long DRAIN_MILLIS = 10_000;

  /** What closing may take: the report drain and the span flush share it. */
  private static final Duration EXIT_BUDGET = Duration.ofSeconds(2);

  private final ExportPipeline pipeline;
  private final TraceExport traces;
  private final CarbonModel carbon;
  private final ReportFiles report;
  private volatile Undelivered undelivered;

  private Outputs(
      ExportPipeline pipeline, TraceExport traces, CarbonModel carbon, ReportFiles report) {
    this.pipeline = pipeline;
    this.traces = traces;
    this.carbon = carbon;
    this.report = report;
  }

  public static Outputs start(
      AgentConfig config, DiscoveredProbes probes, List<EnergyDomain> domains) {
    CarbonModel carbon = CarbonModel.resolve(Settings.carbon(config), AgentLog::warn);
    List<RunListener> listeners = new ArrayList<>();
    if (config.get(ConfigKeys.CONSOLE)) {
      listeners.add(new ConsoleReporter(System.err));
    }
    List<String> formats = config.get(ConfigKeys.REPORT_FORMATS);
    ReportFiles report = null;
    if (!formats.contains("none")) {
      report =
          new ReportFiles(
              reportFolder(config.get(ConfigKeys.REPORT_DIR)),
              formats.contains("json"),
              formats.contains("csv"),
              formats.contains("html"),
              JvmFacts.describe(),
              probeStatuses(probes),
              AgentLog::warn);
      listeners.add(report);
    }
    TraceExport traces =
        TraceExport.start(
            JvmFacts.serviceName(), systemProperties(), System.getenv(), AgentLog::warn);
    if (traces.active()) {
      listeners.add(traces.writer());
    }
    return new Outputs(
        new ExportPipeline(
            new EpochAccounting(carbon, domains),
            new RunForecaster(
                config.get(ConfigKeys.FORECAST_AFTER_EPOCHS),
                RunForecaster.DEFAULT_SINGLE_EPOCH_BAND),
            listeners),
        traces,
        carbon,
        report);
  }

  /** One folder per JVM, so that concurrent or successive jobs never overwrite each other. */
  private static Path reportFolder(Path root) {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return root.resolve(stamp + "-pid" + ProcessHandle.current().pid());
  }

  private static List<Map<String, String>> probeStatuses(DiscoveredProbes probes) {
    List<Map<String, String>> list = new ArrayList<>();
    for (ProbeStatus s : probes.statuses()) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("probe", s.probe());
      m.put("state", s.state().label());
      m.put("measures", s.measures());
      m.put("detail", s.detail());
      m.put("remedy", s.remedy());
      list.add(m);
    }
    return list;
  }

  private static Map<String, String> systemProperties() {
    Map<String, String> map = new HashMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("otel.")) {
        map.put(name, System.getProperty(name));
      }
    }
    return map;
  }

  public ExportPipeline pipeline() {
    return pipeline;
  }

  /** The start-up lines: what is metered and how, where the figures go, and what is missing. */
  public void announce(DiscoveredProbes probes, List<EnergyDomain> domains, boolean attachedLate) {
    List<String> metered = new ArrayList<>();
    boolean estimatedCpu = false;
    for (EnergyDomain d : domains) {
      metered.add(d.id() + " (" + d.method().label() + ")");
      estimatedCpu |= d.method() == EnergyMethod.ESTIMATED;
    }
    AgentLog.info(
        JvmFacts.version()
            + (attachedLate ? " attached" : " started")
            + ": metering "
            + (metered.isEmpty() ? "nothing" : String.join(", ", metered))
            + "; "
            + carbon.describe()
            + "; report "
            + (report == null ? "off" : report.folder())
            + "; traces "
            + traces.exporter());
    if (estimatedCpu) {
      for (ProbeStatus s : probes.statuses()) {
        if (!s.isOk() && !s.remedy().isEmpty()) {
          AgentLog.info(
              "energy is estimated where not measured: "
                  + s.probe()
                  + " "
                  + s.state().label()
                  + " ("
                  + s.detail()
                  + "). To measure: "
                  + s.remedy()
                  + ". Details: java -jar jouletrace-agent.jar doctor");
          break;
        }
      }
    }
  }

  /**
   * Drain the pipeline (report, console, spans), then flush the SDK with what is left of the exit
   * budget; say once which spans did not arrive.
   */
  public void close() {
    Instant deadline = Instant.now().plus(EXIT_BUDGET);
    pipeline.close(DRAIN_MILLIS);
    undelivered = traces.shutdown(deadline);
    undelivered.messages().forEach(AgentLog::warn);
  }

  /** Spans that did not reach the trace exporter's destination; null until {@link #close()}. */
  public Undelivered undeliveredSpans() {
    return undelivered;
  }
}
