package dev.jouletrace.samples.spark;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver on 127.0.0.1 for the Spark test: keeps every span of every {@code
 * POST /v1/traces} (protobuf, plain or gzip). This module's class path holds Hadoop's protobuf 2.5,
 * so the few {@code ExportTraceServiceRequest} fields the test reads are decoded from the wire
 * format here (field numbers of opentelemetry-proto's {@code trace.proto} and {@code
 * common.proto}).
 */
final class OtlpTraceReceiver implements AutoCloseable {

  /** One received span: ids as lowercase hex (parent empty for a root), name, attributes. */
  record Span(
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      Map<String, Object> attributes,
      Map<String, Object> resource) {

    String string(String key) {
      Object v = attributes.get(key);
      return v == null ? null : v.toString();
    }

    double number(String key) {
      Object v = attributes.get(key);
      if (!(v instanceof Number)) {
        throw new AssertionError("span " + name + " has no number " + key + ": " + attributes);
      }
      return ((Number) v).doubleValue();
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Span> spans = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  private OtlpTraceReceiver(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  static OtlpTraceReceiver start() throws IOException {
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    HttpServer server = HttpServer.create(new InetSocketAddress(loopback, 0), 16);
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = new Thread(task, "otlp-receiver");
              t.setDaemon(true);
              return t;
            });
    OtlpTraceReceiver receiver = new OtlpTraceReceiver(server, executor);
    server.createContext("/", receiver::handle);
    server.setExecutor(executor);
    server.start();
    return receiver;
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized List<Span> spans() {
    return List.copyOf(spans);
  }

  synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  /** Waits until {@code done} holds for the spans so far, or {@code timeout}; returns them. */
  synchronized List<Span> await(Predicate<List<Span>> done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.test(List.copyOf(spans))) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        break;
      }
      wait(left);
    }
    return List.copyOf(spans);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
      if (!request.equals("POST /v1/traces")) {
        synchronized (this) {
          problems.add(request);
        }
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        InputStream raw =
            "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                ? new GZIPInputStream(in)
                : in;
        body = raw.readAllBytes();
      }
      List<Span> received = new ArrayList<>();
      try {
        for (Field rs : fields(body)) {
          if (rs.number == 1) {
            resourceSpans(rs.bytes, received);
          }
        }
      } catch (RuntimeException e) {
        synchronized (this) {
          problems.add("undecodable request: " + e);
        }
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      synchronized (this) {
        spans.addAll(received);
        notifyAll();
      }
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse
    }
  }

  private static void resourceSpans(byte[] message, List<Span> out) {
    Map<String, Object> resource = new HashMap<>();
    List<byte[]> scopeSpans = new ArrayList<>();
    for (Field f : fields(message)) {
      if (f.number == 1) {
        for (Field a : fields(f.bytes)) {
          if (a.number == 1) {
            keyValue(a.bytes, resource);
          }
        }
      } else if (f.number == 2) {
        scopeSpans.add(f.bytes);
      }
    }
    for (byte[] scope : scopeSpans) {
      for (Field f : fields(scope)) {
        if (f.number == 2) {
          out.add(span(f.bytes, resource));
        }
      }
    }
  }

  private static Span span(byte[] message, Map<String, Object> resource) {
    String traceId = "";
    String spanId = "";
    String parent = "";
    String name = "";
    Map<String, Object> attributes = new HashMap<>();
    for (Field f : fields(message)) {
      switch (f.number) {
        case 1 -> traceId = HexFormat.of().formatHex(f.bytes);
        case 2 -> spanId = HexFormat.of().formatHex(f.bytes);
        case 4 -> parent = HexFormat.of().formatHex(f.bytes);
        case 5 -> name = new String(f.bytes, StandardCharsets.UTF_8);
        case 9 -> keyValue(f.bytes, attributes);
        default -> {}
      }
    }
    return new Span(traceId, spanId, parent, name, attributes, resource);
  }

  private static void keyValue(byte[] message, Map<String, Object> into) {
    String key = null;
    Object value = null;
    for (Field f : fields(message)) {
      if (f.number == 1) {
        key = new String(f.bytes, StandardCharsets.UTF_8);
      } else if (f.number == 2) {
        for (Field v : fields(f.bytes)) {
          value =
              switch (v.number) {
                case 1 -> new String(v.bytes, StandardCharsets.UTF_8);
                case 2 -> v.varint != 0;
                case 3 -> v.varint;
                case 4 -> Double.longBitsToDouble(v.varint);
                default -> value;
              };
        }
      }
    }
    if (key != null) {
      into.put(key, value);
    }
  }

  /** One field of a protobuf message: its number and its value (varint/fixed, or bytes). */
  private record Field(int number, long varint, byte[] bytes) {}

  private static List<Field> fields(byte[] message) {
    List<Field> fields = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
    while (in.hasRemaining()) {
      long tag = varint(in);
      int number = (int) (tag >>> 3);
      switch ((int) (tag & 7)) {
        case 0 -> fields.add(new Field(number, varint(in), null));
        case 1 -> fields.add(new Field(number, in.getLong(), null));
        case 2 -> {
          byte[] bytes = new byte[(int) varint(in)];
          in.get(bytes);
          fields.add(new Field(number, 0, bytes));
        }
        case 5 -> fields.add(new Field(number, in.getInt() & 0xffffffffL, null));
        default -> throw new IllegalArgumentException("wire type " + (tag & 7));
      }
    }
    return fields;
  }

  private static long varint(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.get();
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("varint too long");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
