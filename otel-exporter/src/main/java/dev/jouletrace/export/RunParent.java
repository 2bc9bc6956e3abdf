package dev.jouletrace.export;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The span every run of this JVM is a child of, read once at start through the configured
 * propagators ({@code otel.propagators}, W3C trace context and baggage by default) from the
 * environment as a carrier: {@code TRACEPARENT}, {@code TRACESTATE}, {@code BAGGAGE}, as the
 * OpenTelemetry specification's environment-variable carrier names them (the key upper-cased, other
 * characters than letters and digits as {@code _}). {@code jouletrace.otel.parent}, when set,
 * stands for {@code TRACEPARENT} (docs/OTEL.md §3).
 */
final class RunParent {
  private static final String TRACEPARENT = "traceparent";

  private RunParent() {}

  static Context extract(ContextPropagators propagators, TraceExport.Setup setup) {
    return extract(propagators, setup.parentValue(), setup.environmentValues(), setup.problems());
  }

  static Context extract(
      ContextPropagators propagators,
      String explicitParent,
      Map<String, String> environment,
      java.util.function.Consumer<String> problems) {
    Map<String, String> carrier = new HashMap<>();
    environment.forEach((name, value) -> carrier.put(name.toUpperCase(Locale.ROOT), value));
    String source = "TRACEPARENT";
    if (explicitParent != null && !explicitParent.isBlank()) {
      carrier.put(variable(TRACEPARENT), explicitParent.trim());
      source = "jouletrace.otel.parent";
    }
    String given = carrier.get(variable(TRACEPARENT));
    Context context =
        propagators
            .getTextMapPropagator()
            .extract(Context.root(), carrier, EnvironmentGetter.INSTANCE);
    if (given != null
        && !given.isBlank()
        && !Span.fromContext(context).getSpanContext().isValid()
        && propagators.getTextMapPropagator().fields().contains(TRACEPARENT)) {
      problems.accept(
          source
              + "="
              + given
              + " is not a W3C traceparent (00-<32 hex trace id>-<16 hex span id>-<2 hex flags>);"
              + " each run starts a trace of its own");
    }
    return context;
  }

  /** The environment variable that carries {@code key}. */
  static String variable(String key) {
    StringBuilder name = new StringBuilder(key.length());
    for (char c : key.toCharArray()) {
      name.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
    }
    return name.toString();
  }

  private enum EnvironmentGetter implements TextMapGetter<Map<String, String>> {
    INSTANCE;

    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(variable(key));
    }
  }
}
