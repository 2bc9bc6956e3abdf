package dev.jouletrace.export;

import dev.jouletrace.export.otel.DeliveryLedger;
import dev.jouletrace.export.otel.ExportComponents;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OpenTelemetry SDK, configured by the standard {@code otel.*} properties and {@code OTEL_*}
 * variables. Unless the user names a trace exporter or an OTLP endpoint, no SDK is built at all: by
 * default Jouletrace writes its local report and opens no network connection.
 *
 * <p>The SDK sends OTLP/HTTP through our own sender on plain sockets, and prints {@code console}
 * and {@code logging-otlp} spans straight to standard error (see {@link ExportComponents}). Every
 * span that ends is counted, so that at exit {@link #shutdown} can say which ones did not arrive.
 * Jouletrace emits spans only: metrics and logs exporters stay off whatever {@code
 * OTEL_METRICS_EXPORTER} and {@code OTEL_LOGS_EXPORTER} say (another OpenTelemetry agent in the JVM
 * may read those).
 */
public final class TraceExport {
  private final OpenTelemetrySdk sdk;
  private final String exporter;
  private final DeliveryLedger ledger;

  private TraceExport(OpenTelemetrySdk sdk, String exporter, DeliveryLedger ledger) {
    this.sdk = sdk;
    this.exporter = exporter;
    this.ledger = ledger;
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
    return start(serviceName, properties, environment, problems, System.err);
  }

  /** As above; {@code console} and {@code logging-otlp} spans go to {@code console}. */
  static TraceExport start(
      String serviceName,
      Map<String, String> properties,
      Map<String, String> environment,
      Consumer<String> problems,
      PrintStream console) {
    String exporter = configuredExporter(properties, environment);
    if (exporter.equals("none")) {
      return new TraceExport(null, exporter, null);
    }
    String protocol =
        first(
            properties.get("otel.exporter.otlp.traces.protocol"),
            properties.get("otel.exporter.otlp.protocol"),
            environment.get("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"),
            environment.get("OTEL_EXPORTER_OTLP_PROTOCOL"));
    if (exporter.contains("otlp") && protocol != null && protocol.trim().equals("grpc")) {
      problems.accept(
          "OTLP protocol grpc is not bundled; set otel.exporter.otlp.protocol=http/protobuf"
              + " (Jaeger and the OpenTelemetry Collector take it on port 4318). Spans are not"
              + " exported; the console and the local report are unaffected.");
      return new TraceExport(null, "none (grpc not bundled)", null);
    }
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.traces.exporter", exporter);
    // The SDK's default is grpc, for which the agent bundles no sender; Jaeger takes OTLP/HTTP.
    defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
    defaults.put("otel.service.name", serviceName);
    defaults.putAll(properties);
    Map<String, String> spansOnly = new HashMap<>();
    spansOnly.put("otel.metrics.exporter", "none");
    spansOnly.put("otel.logs.exporter", "none");
    SdkLogs.silence();
    DeliveryLedger ledger = new DeliveryLedger();
    try {
      OpenTelemetrySdk sdk =
          AutoConfiguredOpenTelemetrySdk.builder()
              .addPropertiesSupplier(() -> defaults)
              .addPropertiesCustomizer(config -> spansOnly)
              .setComponentLoader(
                  new ExportComponents(TraceExport.class.getClassLoader(), ledger, console))
              .addSpanExporterCustomizer((spanExporter, config) -> ledger.track(spanExporter))
              .addTracerProviderCustomizer(
                  (builder, config) ->
                      builder
                          .addSpanProcessor(ledger.endedSpans())
                          // ids chosen when a run or epoch opened (Spark executors' parent)
                          .setIdGenerator(PresetIds.INSTANCE))
              .disableShutdownHook()
              .build()
              .getOpenTelemetrySdk();
      return new TraceExport(sdk, exporter, ledger);
    } catch (RuntimeException e) {
      problems.accept(
          "cannot export spans with otel.traces.exporter="
              + exporter
              + " ("
              + e.getMessage()
              + "); Jouletrace bundles otlp (http/protobuf), console, logging-otlp and none."
              + " Spans are not exported; the console and the local report are unaffected.");
      return new TraceExport(null, "none (" + exporter + " unavailable)", null);
    }
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
    return sdk != null;
  }

  /** {@code otlp}, {@code console}, {@code logging-otlp}, ... or {@code none}. */
  public String exporter() {
    return exporter;
  }

  /** The writer that turns runs into spans; only when {@link #active()}. */
  public TraceWriter writer() {
    if (sdk == null) {
      throw new IllegalStateException("no trace exporter configured");
    }
    Tracer tracer = sdk.getTracer("dev.jouletrace");
    return new TraceWriter(tracer);
  }

  /**
   * Flushes pending spans and stops the SDK, waiting until {@code deadline} at the latest (not at
   * all when it has passed), and says which spans did not arrive by then. Export threads still
   * working at the deadline are daemons: they never hold the JVM.
   */
  public Undelivered shutdown(Instant deadline) {
    if (sdk == null) {
      return Undelivered.NOTHING;
    }
    long waitNanos = Duration.between(Instant.now(), deadline).toNanos();
    CompletableResultCode flushed = sdk.shutdown();
    if (waitNanos > 0) {
      flushed.join(waitNanos, TimeUnit.NANOSECONDS);
    }
    return new Undelivered(ledger.losses(flushed.isDone()));
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
