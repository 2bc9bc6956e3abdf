package dev.jouletrace.export.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the ledger says about spans that ended and what the exporters made of them. */
class DeliveryLedgerTest {
  private final DeliveryLedger ledger = new DeliveryLedger();
  private final List<SpanData> ended = new ArrayList<>();

  @Test
  void spansNeverHandedToTheExporterWereDroppedWhenTheFlushFinished() {
    SpanExporter exporter = ledger.track(InMemorySpanExporter.create());
    endSpans(5);

    exporter.export(ended.subList(0, 3));

    assertThat(ledger.losses(true))
        .singleElement()
        .satisfies(
            loss -> {
              assertThat(loss.spans()).isEqualTo(2);
              assertThat(loss.destination()).isEqualTo("InMemorySpanExporter");
              assertThat(loss.reason()).isEqualTo("dropped because the export queue was full");
            });
    assertThat(ledger.losses(false).get(0).reason()).isEqualTo("still queued at the exit deadline");
  }

  @Test
  void everySpanDeliveredIsNoLoss() {
    SpanExporter exporter = ledger.track(InMemorySpanExporter.create());
    endSpans(4);

    exporter.export(ended);

    assertThat(ledger.losses(true)).isEmpty();
  }

  @Test
  void failedAndUnansweredExportsAreToldApartWithTheirCounts() {
    SpanExporter exporter = ledger.track(new Pending());
    endSpans(6);

    CompletableResultCode first = exporter.export(ended.subList(0, 2));
    exporter.export(ended.subList(2, 5));
    first.failExceptionally(new ExportFailure("HTTP 503 Service Unavailable", true));

    assertThat(ledger.losses(false))
        .singleElement()
        .satisfies(
            loss -> {
              assertThat(loss.spans()).isEqualTo(6);
              assertThat(loss.reason())
                  .isEqualTo(
                      "HTTP 503 Service Unavailable (2 spans); no answer before the exit deadline"
                          + " (3 spans); still queued at the exit deadline (1 span)");
            });
  }

  @Test
  void aFailureIsDescribedInTheSendersWords() {
    SenderState sender = new SenderState(URI.create("http://127.0.0.1:4318/v1/traces"));
    DeliveryLedger.Destination destination =
        new DeliveryLedger.Destination(sender.endpoint().toString(), sender);

    // a failure of the sender arrives wrapped by the OTLP exporter
    assertThat(
            DeliveryLedger.describe(
                new RuntimeException(new ExportFailure("connection refused", true)), destination))
        .isEqualTo("connection refused");
    // an answer that is not a success arrives as the response only: the sender saw its status
    sender.attemptFailed("HTTP 400 Bad Request");
    assertThat(DeliveryLedger.describe(new RuntimeException("failed with response"), destination))
        .isEqualTo("HTTP 400 Bad Request");
    sender.attemptSucceeded();
    assertThat(DeliveryLedger.describe(new IllegalStateException("closed"), destination))
        .isEqualTo("java.lang.IllegalStateException: closed");
  }

  @Test
  void consoleExportersAreNamedByWhereTheyWrite() {
    ledger.track(new ConsoleSpanExporter(new PrintStream(PrintStream.nullOutputStream())));
    ledger.track(new OtlpJsonSpanExporter(new PrintStream(PrintStream.nullOutputStream())));
    endSpans(1);

    assertThat(ledger.losses(true))
        .extracting(DeliveryLedger.Loss::destination)
        .containsExactly("standard error (console)", "standard error (logging-otlp)");
  }

  @Test
  void unsampledSpansAreNotExpected() {
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setSampler(Sampler.alwaysOff())
            .addSpanProcessor(ledger.endedSpans())
            .build();
    ledger.track(InMemorySpanExporter.create());

    provider.get("test").spanBuilder("dropped by sampling").startSpan().end();

    assertThat(ledger.losses(true)).isEmpty();
  }

  @Test
  void aLossOfOneSpanIsSingular() {
    assertThat(new DeliveryLedger.Loss("x", 1, Map.of(), "span").counted()).isEqualTo("1 span");
    assertThat(new DeliveryLedger.Loss("x", 0, Map.of(), "span").counted()).isEqualTo("0 spans");
    assertThat(new DeliveryLedger.Loss("x", 2, Map.of(), "metric point").counted())
        .isEqualTo("2 metric points");
  }

  private void endSpans(int count) {
    InMemorySpanExporter sink = InMemorySpanExporter.create();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(ledger.endedSpans())
            .addSpanProcessor(io.opentelemetry.sdk.trace.export.SimpleSpanProcessor.create(sink))
            .build();
    Tracer tracer = provider.get("test");
    for (int i = 0; i < count; i++) {
      tracer.spanBuilder("span " + i).startSpan().end();
    }
    ended.addAll(sink.getFinishedSpanItems());
  }

  /** An exporter whose results stay pending until the test completes them. */
  private static final class Pending implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return new CompletableResultCode();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
