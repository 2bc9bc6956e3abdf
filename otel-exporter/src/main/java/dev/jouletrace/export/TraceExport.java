package dev.jouletrace.export;

import dev.jouletrace.export.otel.DeliveryLedger;
import dev.jouletrace.export.otel.ExportComponents;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OpenTelemetry SDK, configured by the standard {@code otel.*} properties and {@code OTEL_*}
 * variables. Unless the user names a trace or metric exporter or an OTLP endpoint, no SDK is built
 * at all: by default Jouletrace writes its local report and opens no network connection.
 *
 * <p>The SDK sends OTLP/HTTP through our own sender on plain sockets, and prints {@code console}
 * and {@code logging-otlp} spans and metrics straight to standard error (see {@link
 * ExportComponents}). Every span that ends, and every metric point handed to an exporter, is
 * counted, so that at exit {@link #shutdown} can say which did not arrive. Spans go out when a
 * trace exporter or an OTLP endpoint is set; metrics only when {@code otel.metrics.exporter} names
 * one; logs never.
 *
 * <p>The resource holds {@code service.name}, what the OpenTelemetry resource providers bundled in
 * the agent detect (host, OS, process, runtime, container), {@code OTEL_RESOURCE_ATTRIBUTES}, and
 * the devices metered ({@link Setup#resource}). Attributes that can hold a command line, its
 * arguments or a user name are dropped unless the user opts in ({@link Setup#processDetails}); see
 * docs/OTEL.md §2.
 */
public final class TraceExport {
  /** The SDK's list of resource keys to drop. */
  static final String DISABLED_RESOURCE_KEYS = "otel.resource.disabled.keys";

  /**
   * Resource keys that can carry secrets (a password in a command line argument, a user's home in a
   * path, a user name): dropped unless {@code jouletrace.otel.resource.process_details} is on.
   */
  static final List<String> PRIVATE_PROCESS_KEYS =
      List.of(
          "process.command_line",
          "process.command_args",
          "process.command",
          "process.executable.path",
          "process.owner",
          "process.user.name",
          "process.real_user.name",
          "process.saved_user.name",
          "process.environment_variable");

  private final OpenTelemetrySdk sdk;
  private final String exporter;
  private final String metricsExporter;
  private final DeliveryLedger ledger;
  private final Context runParent;

  private TraceExport(
      OpenTelemetrySdk sdk,
      String exporter,
      String metricsExporter,
      DeliveryLedger ledger,
      Context runParent) {
    this.sdk = sdk;
    this.exporter = exporter;
    this.metricsExporter = metricsExporter;
    this.ledger = ledger;
    this.runParent = runParent;
  }

  /** What the SDK is built from. */
  public static final class Setup {
    private final String serviceName;
    private final Map<String, String> properties;
    private final Map<String, String> environment;
    private final Consumer<String> problems;
    private PrintStream console = System.err;
    private Attributes resource = Attributes.empty();
    private ClassLoader components = TraceExport.class.getClassLoader();
    private Function<Meter, Object> instruments;
    private String parent;
    private boolean processDetails;

    private Setup(
        String serviceName,
        Map<String, String> properties,
        Map<String, String> environment,
        Consumer<String> problems) {
      this.serviceName = serviceName;
      this.properties = properties;
      this.environment = environment;
      this.problems = problems;
    }

    /**
     * @param serviceName default {@code service.name} when the user sets none
     * @param properties where {@code otel.*} system properties are read
     * @param environment where {@code OTEL_*} variables and the {@code TRACEPARENT} carrier are
     *     read
     * @param problems where a configuration the agent cannot honour is explained (once)
     */
    public static Setup of(
        String serviceName,
        Map<String, String> properties,
        Map<String, String> environment,
        Consumer<String> problems) {
      return new Setup(serviceName, properties, environment, problems);
    }

    /** Where {@code console} and {@code logging-otlp} write (standard error by default). */
    public Setup console(PrintStream console) {
      this.console = console;
      return this;
    }

    /** Attributes added to the detected resource; the user's and the detected ones win. */
    public Setup resource(Attributes resource) {
      this.resource = resource;
      return this;
    }

    /** The loader whose {@code META-INF/services} supply exporters, samplers, processors. */
    public Setup components(ClassLoader components) {
      this.components = components;
      return this;
    }

    /** Registers the instruments on the SDK's meter, when a metric exporter is configured. */
    public Setup instruments(Function<Meter, Object> instruments) {
      this.instruments = instruments;
      return this;
    }

    /**
     * A W3C {@code traceparent} every run is a child of, over {@code TRACEPARENT} ({@code
     * jouletrace.otel.parent}); null for none.
     */
    public Setup parent(String parent) {
      this.parent = parent;
      return this;
    }

    String parentValue() {
      return parent;
    }

    Map<String, String> environmentValues() {
      return environment;
    }

    Consumer<String> problems() {
      return problems;
    }

    /** Keep command line, executable path and user on the resource ({@code false} by default). */
    public Setup processDetails(boolean processDetails) {
      this.processDetails = processDetails;
      return this;
    }
  }

  /**
   * @param serviceName default {@code service.name} when the user sets none
   * @param properties where {@code otel.*} system properties are read
   * @param environment where {@code OTEL_*} variables are read
   * @param problems where a configuration the agent cannot honour is explained (once)
   */
  public static TraceExport start(
      String serviceName,
      Map<String, String> properties,
      Map<String, String> environment,
      Consumer<String> problems) {
    return start(Setup.of(serviceName, properties, environment, problems));
  }

  /** As above; {@code console} and {@code logging-otlp} spans go to {@code console}. */
  static TraceExport start(
      String serviceName,
      Map<String, String> properties,
      Map<String, String> environment,
      Consumer<String> problems,
      PrintStream console) {
    return start(Setup.of(serviceName, properties, environment, problems).console(console));
  }

  public static TraceExport start(Setup setup) {
    Map<String, String> properties = setup.properties;
    Map<String, String> environment = setup.environment;
    String exporter =
        refuseGrpc(configuredExporter(properties, environment), "traces", "Spans", setup);
    String metrics =
        refuseGrpc(configuredMetricsExporter(properties, environment), "metrics", "Metrics", setup);
    if (isNone(exporter) && isNone(metrics)) {
      return new TraceExport(null, exporter, metrics, null, Context.root());
    }
    Map<String, String> defaults = new HashMap<>();
    // The SDK's default is grpc, for which the agent bundles no sender; Jaeger takes OTLP/HTTP.
    defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
    defaults.put("otel.service.name", setup.serviceName);
    defaults.putAll(properties);
    Map<String, String> decided = new HashMap<>();
    decided.put("otel.traces.exporter", isNone(exporter) ? "none" : exporter);
    decided.put("otel.metrics.exporter", isNone(metrics) ? "none" : metrics);
    decided.put("otel.logs.exporter", "none");
    SdkLogs.silence();
    DeliveryLedger ledger = new DeliveryLedger();
    try {
      OpenTelemetrySdk sdk =
          AutoConfiguredOpenTelemetrySdk.builder()
              .addPropertiesSupplier(() -> defaults)
              .addPropertiesCustomizer(config -> decided)
              .addPropertiesCustomizer(config -> disabledResourceKeys(config, setup))
              .addPropertiesCustomizer(TraceExport::relocatedProviderNames)
              .setComponentLoader(new ExportComponents(setup.components, ledger, setup.console))
              .addResourceCustomizer(
                  (resource, config) -> Resource.create(setup.resource).merge(resource))
              .addSpanExporterCustomizer((spanExporter, config) -> ledger.track(spanExporter))
              .addMetricExporterCustomizer(
                  (metricExporter, config) -> ledger.trackMetrics(metricExporter))
              .addTracerProviderCustomizer(
                  (builder, config) ->
                      builder
                          .addSpanProcessor(ledger.endedSpans())
                          // ids chosen when a run or epoch opened (Spark executors' parent)
                          .setIdGenerator(PresetIds.INSTANCE))
              .disableShutdownHook()
              .build()
              .getOpenTelemetrySdk();
      if (!isNone(metrics) && setup.instruments != null) {
        setup.instruments.apply(sdk.getMeter("dev.jouletrace"));
      }
      Context parent =
          isNone(exporter) ? Context.root() : RunParent.extract(sdk.getPropagators(), setup);
      return new TraceExport(sdk, exporter, metrics, ledger, parent);
    } catch (RuntimeException e) {
      setup.problems.accept(
          "cannot export with otel.traces.exporter="
              + exporter
              + ", otel.metrics.exporter="
              + metrics
              + " ("
              + e.getMessage()
              + "); Jouletrace bundles otlp (http/protobuf), console, logging-otlp and none, plus"
              + " what jouletrace.otel.extensions adds. Nothing is exported; the console and the"
              + " local report are unaffected.");
      return new TraceExport(
          null, "none (" + exporter + " unavailable)", "none", null, Context.root());
    }
  }

  private static boolean isNone(String exporter) {
    return exporter.startsWith("none");
  }

  /** OTLP over gRPC is not bundled: that signal is off, and the user is told how to fix it. */
  private static String refuseGrpc(String exporter, String signal, String what, Setup setup) {
    String protocol =
        first(
            setup.properties.get("otel.exporter.otlp." + signal + ".protocol"),
            setup.properties.get("otel.exporter.otlp.protocol"),
            setup.environment.get(
                "OTEL_EXPORTER_OTLP_" + signal.toUpperCase(Locale.ROOT) + "_PROTOCOL"),
            setup.environment.get("OTEL_EXPORTER_OTLP_PROTOCOL"));
    if (exporter.contains("otlp") && protocol != null && protocol.trim().equals("grpc")) {
      setup.problems.accept(
          "OTLP protocol grpc is not bundled; set otel.exporter.otlp.protocol=http/protobuf"
              + " (Jaeger and the OpenTelemetry Collector take it on port 4318). "
              + what
              + " are not exported; the console and the local report are unaffected.");
      return "none (grpc not bundled)";
    }
    return exporter;
  }

  /** The user's {@code otel.resource.disabled.keys}, plus the private ones unless opted in. */
  private static Map<String, String> disabledResourceKeys(ConfigProperties config, Setup setup) {
    Set<String> keys = new LinkedHashSet<>(config.getList(DISABLED_RESOURCE_KEYS));
    if (!setup.processDetails) {
      keys.addAll(PRIVATE_PROCESS_KEYS);
    }
    return keys.isEmpty() ? Map.of() : Map.of(DISABLED_RESOURCE_KEYS, String.join(",", keys));
  }

  /**
   * {@code otel.java.enabled.resource.providers} and {@code ...disabled...} name provider classes
   * as OpenTelemetry publishes them ({@code io.opentelemetry.instrumentation.resources.…}); inside
   * the agent jar they live under the relocated package, so the names are mapped to it.
   */
  private static Map<String, String> relocatedProviderNames(ConfigProperties config) {
    String original = String.join(".", "io", "opentelemetry") + ".";
    String relocated = SdkLogs.sdkPackage() + ".";
    Map<String, String> mapped = new HashMap<>();
    if (relocated.equals(original)) {
      return mapped;
    }
    for (String key :
        List.of("otel.java.enabled.resource.providers", "otel.java.disabled.resource.providers")) {
      List<String> names = new ArrayList<>();
      for (String name : config.getList(key)) {
        names.add(name.startsWith(original) ? relocated + name.substring(original.length()) : name);
      }
      if (!names.isEmpty()) {
        mapped.put(key, String.join(",", names));
      }
    }
    return mapped;
  }

  /**
   * The metric exporter the user asked for with {@code otel.metrics.exporter} ({@code
   * OTEL_METRICS_EXPORTER}); {@code none} when unset: an OTLP endpoint alone sends spans only.
   */
  static String configuredMetricsExporter(Map<String, String> props, Map<String, String> env) {
    String explicit = first(props.get("otel.metrics.exporter"), env.get("OTEL_METRICS_EXPORTER"));
    return explicit == null ? "none" : explicit.trim().toLowerCase(Locale.ROOT);
  }

  /**
   * The trace exporter the user asked for: {@code otel.traces.exporter} if set, {@code otlp} when
   * only an OTLP endpoint is set, otherwise {@code none}.
   */
  static String configuredExporter(Map<String, String> props, Map<String, String> env) {
    String explicit = first(props.get("otel.traces.exporter"), env.get("OTEL_TRACES_EXPORTER"));
    if (explicit != null) {
      return explicit.trim().toLowerCase(Locale.ROOT);
    }
    String endpoint =
        first(
            props.get("otel.exporter.otlp.traces.endpoint"),
            props.get("otel.exporter.otlp.endpoint"),
            env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
            env.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
    return endpoint != null ? "otlp" : "none";
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  /** Whether spans leave this JVM at all. */
  public boolean active() {
    return sdk != null && !isNone(exporter);
  }

  /** Whether metrics leave this JVM. */
  public boolean metricsActive() {
    return sdk != null && !isNone(metrics());
  }

  /** Whether an SDK was built (for spans, metrics or both). */
  private boolean sdkBuilt() {
    return sdk != null;
  }

  /** {@code otlp}, {@code console}, {@code logging-otlp}, ... or {@code none}. */
  public String exporter() {
    return exporter;
  }

  /** The metric exporter: {@code otlp}, {@code console}, {@code logging-otlp}, ... or none. */
  public String metrics() {
    return metricsExporter;
  }

  /** The writer that turns runs into spans; only when {@link #active()}. */
  public TraceWriter writer() {
    if (!active()) {
      throw new IllegalStateException("no trace exporter configured");
    }
    Tracer tracer = sdk.getTracer("dev.jouletrace");
    return new TraceWriter(tracer, runParent);
  }

  /** The context run spans are children of: a launcher's span, or the root. */
  Context runParent() {
    return runParent;
  }

  /**
   * The 32-hex trace id every run span belongs to, when a launcher's span was given (its child),
   * else null: runs then start traces of their own.
   */
  public String runParentTraceId() {
    SpanContext parent = Span.fromContext(runParent).getSpanContext();
    return parent.isValid() ? parent.getTraceId() : null;
  }

  /**
   * Flushes pending spans and stops the SDK, waiting until {@code deadline} at the latest (not at
   * all when it has passed), and says which spans did not arrive by then. Export threads still
   * working at the deadline are daemons: they never hold the JVM.
   */
  public Undelivered shutdown(Instant deadline) {
    if (!sdkBuilt()) {
      return Undelivered.NOTHING;
    }
    long waitNanos = Duration.between(Instant.now(), deadline).toNanos();
    // the meter provider's shutdown collects and exports the metrics one last time
    CompletableResultCode flushed = sdk.shutdown();
    if (waitNanos > 0) {
      flushed.join(waitNanos, TimeUnit.NANOSECONDS);
    }
    List<DeliveryLedger.Loss> losses = new ArrayList<>(ledger.losses(flushed.isDone()));
    losses.addAll(ledger.metricLosses());
    return new Undelivered(losses);
  }

  /**
   * Our copy of the SDK logs through java.util.logging under its own (relocated) package. Its
   * messages would reach the application's log handlers, and another agent's log capture, as if
   * they were the application's; what they would say about failed exports is said once at exit
   * instead ({@link Undelivered}). Loaded only when an SDK is built.
   */
  private static final class SdkLogs {
    /** Held strongly: java.util.logging keeps loggers only weakly, and would forget the level. */
    private static final Logger ROOT = Logger.getLogger(sdkPackage());

    static {
      ROOT.setLevel(Level.OFF);
      ROOT.setUseParentHandlers(false);
    }

    private SdkLogs() {}

    static void silence() {
      // the static initialiser did it
    }

    /** {@code io.opentelemetry}, or where the agent jar relocates it. */
    static String sdkPackage() {
      String api = OpenTelemetry.class.getName();
      return api.substring(0, api.length() - ".api.OpenTelemetry".length());
    }
  }
}
