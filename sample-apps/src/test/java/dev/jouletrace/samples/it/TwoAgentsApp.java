package dev.jouletrace.samples.it;

import com.sun.net.httpserver.HttpServer;
import dev.jouletrace.samples.dl4j.Dl4jMlp;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * An application run with the OpenTelemetry Java agent and ours: it makes a span of its own through
 * the OpenTelemetry API, with an HTTP call to a loopback server of its own inside it, then trains
 * DL4J ({@code Dl4jMlp} with the arguments given). It prints its span's trace id and the server's
 * port, so that the test can find what the other agent made of them.
 */
public final class TwoAgentsApp {
  private TwoAgentsApp() {}

  public static void main(String[] args) throws Exception {
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 4);
    server.createContext(
        "/hello",
        exchange -> {
          byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      int port = server.getAddress().getPort();
      Span span =
          GlobalOpenTelemetry.getTracer("two-agents-app").spanBuilder("app.work").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        HttpResponse<String> response =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        System.out.println("TwoAgentsApp answer " + response.statusCode() + " " + response.body());
      } finally {
        span.end();
      }
      System.out.println("TwoAgentsApp trace " + span.getSpanContext().getTraceId());
      System.out.println("TwoAgentsApp server-port " + port);
      Dl4jMlp.main(args);
    } finally {
      server.stop(0);
    }
  }
}
