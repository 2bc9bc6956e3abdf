package dev.jouletrace.export.otel;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the SDK finds when it looks for components: our HTTP sender instead of any other, our {@code
 * console} and {@code logging-otlp} span and metric exporters, and for everything else what the
 * given class loader provides ({@code META-INF/services}): the agent's own, or the loader of the
 * user's extensions, whose parent it is.
 */
public final class ExportComponents implements ComponentLoader {
  private final ComponentLoader services;
  private final DeliveryLedger ledger;
  private final PrintStream console;

  /**
   * @param classLoader where the SDK's own providers (the OTLP exporter, the resource providers)
   *     and any extension's are found
   * @param ledger where senders report their endpoint and attempts
   * @param console where {@code console} and {@code logging-otlp} write spans
   */
  public ExportComponents(ClassLoader classLoader, DeliveryLedger ledger, PrintStream console) {
    this.services = ComponentLoader.forClassLoader(classLoader);
    this.ledger = ledger;
    this.console = console;
  }

  @Override
  public <T> Iterable<T> load(Class<T> type) {
    if (type == HttpSenderProvider.class) {
      return List.of(type.cast(new SocketHttpSenderProvider(ledger)));
    }
    if (type == ConfigurableSpanExporterProvider.class) {
      List<T> providers = new ArrayList<>();
      for (T provider : services.load(type)) {
        providers.add(provider);
      }
      providers.add(
          type.cast(new NamedExporter("console", () -> new ConsoleSpanExporter(console))));
      providers.add(
          type.cast(new NamedExporter("logging-otlp", () -> new OtlpJsonSpanExporter(console))));
      return providers;
    }
    if (type == ConfigurableMetricExporterProvider.class) {
      List<T> providers = new ArrayList<>();
      for (T provider : services.load(type)) {
        providers.add(provider);
      }
      providers.add(
          type.cast(
              new NamedMetricExporter("console", () -> StreamMetricExporter.console(console))));
      providers.add(
          type.cast(
              new NamedMetricExporter(
                  "logging-otlp", () -> StreamMetricExporter.otlpJson(console))));
      return providers;
    }
    return services.load(type);
  }

  /** A metric exporter offered to {@code otel.metrics.exporter} under a name. */
  private static final class NamedMetricExporter implements ConfigurableMetricExporterProvider {
    private final String name;
    private final Supplier<MetricExporter> exporter;

    NamedMetricExporter(String name, Supplier<MetricExporter> exporter) {
      this.name = name;
      this.exporter = exporter;
    }

    @Override
    public MetricExporter createExporter(ConfigProperties config) {
      return exporter.get();
    }

    @Override
    public String getName() {
      return name;
    }
  }

  /** A span exporter offered to {@code otel.traces.exporter} under a name. */
  private static final class NamedExporter implements ConfigurableSpanExporterProvider {
    private final String name;
    private final Supplier<SpanExporter> exporter;

    NamedExporter(String name, Supplier<SpanExporter> exporter) {
      this.name = name;
      this.exporter = exporter;
    }

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
      return exporter.get();
    }

    @Override
    public String getName() {
      return name;
    }
  }
}
