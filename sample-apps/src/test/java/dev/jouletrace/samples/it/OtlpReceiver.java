package dev.jouletrace.samples.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OTLP/HTTP receiver on 127.0.0.1: decodes {@code ExportTraceServiceRequest} (plain or
 * gzip) from {@code POST /v1/traces} and {@code ExportMetricsServiceRequest} from {@code POST
 * /v1/metrics}, answers 200 with an empty response, and keeps every span and metrics batch.
 */
final class OtlpReceiver implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final Object lock = new Object();
  private final List<ExportedSpan> spans = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final List<Resource> resources = new ArrayList<>();
  private final List<String> scopes = new ArrayList<>();
  private final List<ResourceMetrics> metrics = new ArrayList<>();
  private final Duration answerDelay;
  private int requests;

  private OtlpReceiver(HttpServer server, ExecutorService executor, Duration answerDelay) {
    this.server = server;
    this.executor = executor;
    this.answerDelay = answerDelay;
  }

  static OtlpReceiver start() throws IOException {
    return startAnsweringAfter(Duration.ZERO);
  }

  /**
   * A receiver that keeps each request's spans at once but answers only {@code delay} later: a slow
   * backend. Requests are handled one at a time.
   */
  static OtlpReceiver startAnsweringAfter(Duration delay) throws IOException {
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    HttpServer server = HttpServer.create(new InetSocketAddress(loopback, 0), 16);
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "otlp-receiver");
              thread.setDaemon(true);
              return thread;
            });
    OtlpReceiver receiver = new OtlpReceiver(server, executor, delay);
    server.createContext("/", receiver::handle);
    server.setExecutor(executor);
    server.start();
    return receiver;
  }

  /** The base endpoint to give {@code otel.exporter.otlp.endpoint}. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int requestCount() {
    synchronized (lock) {
      return requests;
    }
  }

  /** Requests the receiver could not accept (wrong path or method, undecodable body). */
  List<String> problems() {
    synchronized (lock) {
      return List.copyOf(problems);
    }
  }

  List<ExportedSpan> spans() {
    synchronized (lock) {
      return List.copyOf(spans);
    }
  }

  /** The resource of every {@code ResourceSpans} received. */
  List<Resource> resources() {
    synchronized (lock) {
      return List.copyOf(resources);
    }
  }

  /** Every {@code ResourceMetrics} received, in order. */
  List<ResourceMetrics> metrics() {
    synchronized (lock) {
      return List.copyOf(metrics);
    }
  }

  /** The instrumentation scope name of every {@code ScopeSpans} received. */
  List<String> scopeNames() {
    synchronized (lock) {
      return List.copyOf(scopes);
    }
  }

  /**
   * Waits until {@code done} holds for the spans received so far, or until {@code timeout}; returns
   * them either way, so the caller's assertions report what did arrive.
   */
  List<ExportedSpan> awaitSpans(Predicate<List<ExportedSpan>> done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (!done.test(List.copyOf(spans))) {
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
          break;
        }
        lock.wait(leftMillis);
      }
      return List.copyOf(spans);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      synchronized (lock) {
        requests++;
      }
      String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
      if (request.equals("POST /v1/metrics")) {
        handleMetrics(exchange, request);
        return;
      }
      if (!request.equals("POST /v1/traces")) {
        reject(exchange, 404, request + ": not an OTLP trace export");
        return;
      }
      ExportTraceServiceRequest export;
      try (InputStream body = body(exchange)) {
        export = ExportTraceServiceRequest.parseFrom(body);
      } catch (IOException e) {
        reject(exchange, 400, request + ": undecodable body: " + e);
        return;
      }
      List<ExportedSpan> received = new ArrayList<>();
      synchronized (lock) {
        for (ResourceSpans resourceSpans : export.getResourceSpansList()) {
          resources.add(resourceSpans.getResource());
          for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
            scopes.add(scopeSpans.getScope().getName());
            scopeSpans.getSpansList().forEach(span -> received.add(new ExportedSpan(span)));
          }
        }
        spans.addAll(received);
        lock.notifyAll();
      }
      if (!answerDelay.isZero()) {
        try {
          Thread.sleep(answerDelay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response);
      }
    }
  }

  private void handleMetrics(HttpExchange exchange, String request) throws IOException {
    ExportMetricsServiceRequest export;
    try (InputStream body = body(exchange)) {
      export = ExportMetricsServiceRequest.parseFrom(body);
    } catch (IOException e) {
      reject(exchange, 400, request + ": undecodable body: " + e);
      return;
    }
    synchronized (lock) {
      metrics.addAll(export.getResourceMetricsList());
      lock.notifyAll();
    }
    byte[] response = ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(response);
    }
  }

  private static InputStream body(HttpExchange exchange) throws IOException {
    InputStream raw = exchange.getRequestBody();
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(raw) : raw;
  }

  private void reject(HttpExchange exchange, int status, String problem) throws IOException {
    synchronized (lock) {
      problems.add(problem);
      lock.notifyAll();
    }
    exchange.sendResponseHeaders(status, -1);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
