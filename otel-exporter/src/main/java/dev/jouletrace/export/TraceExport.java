package dev.jouletrace.export;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The OpenTelemetry SDK, configured by the standard {@code otel.*} properties and {@code OTEL_*}
 * variables. Unless the user names a trace exporter or an OTLP endpoint, no SDK is built at all: by
 * default Jouletrace writes its local report and opens no network connection.
 */
public final class TraceExport {
  private final OpenTelemetrySdk sdk;
  private final String exporter;

  private TraceExport(OpenTelemetrySdk sdk, String exporter) {
    this.sdk = sdk;
    this.exporter = exporter;
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
    String exporter = configuredExporter(properties, environment);
    if (exporter.equals("none")) {
      return new TraceExport(null, exporter);
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
      return new TraceExport(null, "none (grpc not bundled)");
    }
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.traces.exporter", exporter);
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    // The SDK's default is grpc, for which the agent bundles no sender; Jaeger takes OTLP/HTTP.
    defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
    defaults.put("otel.service.name", serviceName);
    try {
      OpenTelemetrySdk sdk =
          AutoConfiguredOpenTelemetrySdk.builder()
              .addPropertiesSupplier(() -> defaults)
              .setServiceClassLoader(TraceExport.class.getClassLoader())
              .disableShutdownHook()
              .build()
              .getOpenTelemetrySdk();
      return new TraceExport(sdk, exporter);
    } catch (RuntimeException e) {
      problems.accept(
          "cannot export spans with otel.traces.exporter="
              + exporter
              + " ("
              + e.getMessage()
              + "); Jouletrace bundles otlp (http/protobuf), console, logging-otlp and none."
              + " Spans are not exported; the console and the local report are unaffected.");
      return new TraceExport(null, "none (" + exporter + " unavailable)");
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

  /** Flushes pending spans and stops the SDK, waiting at most {@code timeoutMillis}. */
  public void shutdown(long timeoutMillis) {
    if (sdk != null) {
      sdk.shutdown().join(timeoutMillis, TimeUnit.MILLISECONDS);
    }
  }
}
