package dev.jouletrace.export.otel;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the SDK finds when it looks for components: our HTTP sender instead of any other, our {@code
 * console} and {@code logging-otlp} span exporters, and for everything else what the agent's own
 * class loader provides ({@code META-INF/services}).
 */
public final class ExportComponents implements ComponentLoader {
  private final ComponentLoader services;
  private final DeliveryLedger ledger;
  private final PrintStream console;

  /**
   * @param classLoader where the SDK's own providers (the OTLP exporter) are found
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
    return services.load(type);
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
