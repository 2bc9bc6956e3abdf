package dev.jouletrace.agent.internal.pipeline;

import dev.jouletrace.accounting.carbon.CarbonModel;
import dev.jouletrace.accounting.forecast.RunForecaster;
import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.Settings;
import dev.jouletrace.agent.internal.config.AgentConfig;
import dev.jouletrace.agent.internal.config.ConfigKeys;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.MeterReading;
import dev.jouletrace.agent.internal.otel.ExtensionLoader;
import dev.jouletrace.export.ConsoleReporter;
import dev.jouletrace.export.EmissionsCsv;
import dev.jouletrace.export.ReportFiles;
import dev.jouletrace.export.ReportFormat;
import dev.jouletrace.export.RunListener;
import dev.jouletrace.export.TraceExport;
import dev.jouletrace.export.Undelivered;
import dev.jouletrace.export.metrics.CarbonTotals;
import dev.jouletrace.export.metrics.DeviceInventory;
import dev.jouletrace.export.metrics.EnergySnapshot;
import dev.jouletrace.export.metrics.HardwareMetrics;
import dev.jouletrace.export.metrics.HostHardware;
import dev.jouletrace.export.page.PowerSeries;
import dev.jouletrace.probe.DiscoveredProbes;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.ProbeStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Everything a run's figures go to: the trace, the report files, the console, via one pipeline. */
public final class Outputs {
  /** Of the exit budget, what is kept back for flushing spans after the report is written. */
  private static final double TRACE_SHARE_OF_EXIT = 0.4;

  /**
   * Of the exit budget, what the span flush leaves for writing report.json again when spans were
   * not delivered (a failing endpoint would otherwise take it all with retries).
   */
  private static final double FACTS_SHARE_OF_EXIT = 0.1;

  private final ExportPipeline pipeline;
  private final TraceExport traces;
  private final CarbonModel carbon;
  private final ReportFiles report;
  private final boolean console;
  private final long exitNanos;
  private final ExportFacts facts;
  private PowerSeries power;

  private Outputs(
      ExportPipeline pipeline,
      TraceExport traces,
      CarbonModel carbon,
      ReportFiles report,
      boolean console,
      long exitNanos,
      ExportFacts facts) {
    this.pipeline = pipeline;
    this.facts = facts;
    this.traces = traces;
    this.carbon = carbon;
    this.report = report;
    this.console = console;
    this.exitNanos = exitNanos;
  }

  public static Outputs start(AgentConfig config, DiscoveredProbes probes, EnergyMeter meter) {
    List<EnergyDomain> domains = meter.domains();
    CarbonModel carbon = CarbonModel.resolve(Settings.carbon(config), AgentLog::warn);
    List<RunListener> listeners = new ArrayList<>();
    boolean console = config.get(ConfigKeys.CONSOLE);
    if (console) {
      listeners.add(new ConsoleReporter(System.err));
    }
    HostHardware host = HostHardware.detect();
    Set<ReportFormat> formats = Settings.reportFormats(config);
    ExportFacts facts = new ExportFacts();
    ReportFiles report = null;
    PowerSeries power = null;
    if (!formats.isEmpty()) {
      List<String> ids = new ArrayList<>();
      domains.forEach(d -> ids.add(d.id()));
      power = new PowerSeries(ids, PowerSeries.DEFAULT_CAPACITY);
      report =
          new ReportFiles(
              reportFolder(config.get(ConfigKeys.REPORT_DIR)),
              formats,
              JvmFacts.describe(),
              probeStatuses(probes),
              AgentLog::warn,
              facts::snapshot,
              power);
      listeners.add(report);
      if (formats.contains(ReportFormat.CSV)) {
        listeners.add(
            new EmissionsCsv(
                report.folder(), JvmFacts.machine(config, domains, host), AgentLog::warn));
      }
    }
    CarbonTotals carbonTotals = new CarbonTotals();
    List<Path> extensions = config.get(ConfigKeys.OTEL_EXTENSIONS);
    ClassLoader components =
        extensions == null
            ? Outputs.class.getClassLoader()
            : ExtensionLoader.open(extensions, Outputs.class.getClassLoader(), AgentLog::warn);
    TraceExport traces =
        TraceExport.start(
            TraceExport.Setup.of(
                    JvmFacts.serviceName(), systemProperties(), System.getenv(), AgentLog::warn)
                .resource(DeviceInventory.attributes(domains, host))
                .components(components)
                .parent(config.get(ConfigKeys.OTEL_PARENT))
                .processDetails(config.get(ConfigKeys.OTEL_RESOURCE_PROCESS_DETAILS))
                .instruments(
                    m -> {
                      // a first reading, from which the first collection's power is computed
                      meter.read();
                      return HardwareMetrics.register(
                          m, domains, snapshots(meter), carbonTotals, host);
                    }));
    if (traces.active()) {
      listeners.add(traces.writer());
    }
    if (traces.metricsActive()) {
      listeners.add(carbonTotals);
    }
    ExportPipeline pipeline =
        new ExportPipeline(
            new EpochAccounting(carbon, domains),
            new RunForecaster(
                config.get(ConfigKeys.FORECAST_AFTER_EPOCHS),
                RunForecaster.DEFAULT_SINGLE_EPOCH_BAND),
            listeners);
    facts.pipeline = pipeline;
    facts.metrics = traces.metricsActive();
    Outputs outputs =
        new Outputs(
            pipeline,
            traces,
            carbon,
            report,
            console,
            TimeUnit.MILLISECONDS.toNanos(config.get(ConfigKeys.EXIT_TIMEOUT_MS)),
            facts);
    outputs.power = power;
    return outputs;
  }

  /** The power series the report charts, fed by the sampler; null when no report is written. */
  public PowerSeries powerSeries() {
    return power;
  }

  /** What report.json says about the export itself; read on the export thread at each render. */
  private static final class ExportFacts {
    volatile ExportPipeline pipeline;
    volatile Undelivered undelivered;
    volatile boolean metrics;

    Map<String, Object> snapshot() {
      Map<String, Object> m = new LinkedHashMap<>();
      ExportPipeline p = pipeline;
      m.put("epochs_dropped", p == null ? 0L : p.epochsDropped());
      Undelivered u = undelivered;
      if (u != null) {
        // known only once the exit flush is over: spans that did not reach the trace destination
        m.put("spans_undelivered", u.spans());
        if (metrics) {
          m.put("metric_points_undelivered", u.metricPoints());
        }
        if (u.spans() > 0 || u.metricPoints() > 0) {
          m.put("spans_undelivered_reasons", u.messages());
        }
      }
      return m;
    }
  }

  /** The meter's latest reading for the metric reader; nothing is read on its account. */
  private static Supplier<EnergySnapshot> snapshots(EnergyMeter meter) {
    return () -> {
      MeterReading r = meter.latest();
      if (r == null) {
        return null;
      }
      double[] device = new double[r.size()];
      double[] process = new double[r.size()];
      for (int i = 0; i < device.length; i++) {
        device[i] = r.deviceJoules(i);
        process[i] = r.processJoules(i);
      }
      Instant t = r.time();
      return new EnergySnapshot(
          TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano(), device, process);
    };
  }

  /** Whether metrics are exported (the sampler then keeps the meter's reading fresh). */
  /** The trace every run span belongs to when a launcher's span was given, else null. */
  public String runParentTraceId() {
    return traces == null ? null : traces.runParentTraceId();
  }

  public boolean metricsActive() {
    return traces.metricsActive();
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

  /**
   * The start-up lines: what is metered and how, where the figures go, and what is missing. Only
   * with the console on: {@code jouletrace.console=false} leaves nothing but warnings.
   */
  public void announce(DiscoveredProbes probes, List<EnergyDomain> domains, boolean attachedLate) {
    if (!console) {
      return;
    }
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
            + traces.exporter()
            + (traces.metricsActive() ? "; metrics " + traces.metrics() : ""));
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
   * At exit: drain the pipeline (report, console, spans), then flush the SDK, all within {@code
   * jouletrace.exit.timeout_ms} from {@code startNanos}; say once which spans did not arrive, in
   * the log and in report.json.
   */
  public void close(long startNanos) {
    long deadline = startNanos + exitNanos;
    long reportDeadline =
        traces.active() || traces.metricsActive()
            ? startNanos + (long) (exitNanos * (1 - TRACE_SHARE_OF_EXIT))
            : deadline;
    pipeline.close(reportDeadline);
    long flushDeadline =
        report == null ? deadline : deadline - (long) (exitNanos * FACTS_SHARE_OF_EXIT);
    long left = Math.max(0, flushDeadline - System.nanoTime());
    Undelivered undelivered = traces.shutdown(Instant.now().plusNanos(left));
    undelivered.messages().forEach(AgentLog::warn);
    facts.undelivered = undelivered;
    if (report != null && (undelivered.spans() > 0 || undelivered.metricPoints() > 0)) {
      report.exportFactsChanged(deadline);
    }
  }
}
