package dev.jouletrace.export.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketHttpSenderTest {
  private static final byte[] BODY = "an OTLP request".getBytes(StandardCharsets.UTF_8);
  private static final Duration GENEROUS = Duration.ofSeconds(30);

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }

  @Test
  void postsTheBodyWithItsHeadersToThePathOfTheEndpoint() throws Exception {
    LoopbackServer server = server(LoopbackServer.answering(200, "OK", "thanks"));
    Config config = new Config(server.endpoint("/custom/v1/traces?tenant=a"));
    config.headers = () -> Map.of("Authorization", List.of("Bearer 42"));

    HttpResponse response = sendAndWait(config, BODY);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getStatusMessage()).isEqualTo("OK");
    assertThat(new String(response.getResponseBody(), StandardCharsets.UTF_8)).isEqualTo("thanks");
    LoopbackServer.Request request = server.requests().get(0);
    assertThat(request.requestLine).isEqualTo("POST /custom/v1/traces?tenant=a HTTP/1.1");
    assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + config.endpoint.getPort());
    assertThat(request.header("Content-Type")).isEqualTo("application/x-protobuf");
    assertThat(request.header("Content-Length")).isEqualTo(String.valueOf(BODY.length));
    assertThat(request.header("Authorization")).isEqualTo("Bearer 42");
    assertThat(request.header("Connection")).isEqualTo("close");
    assertThat(request.body).isEqualTo(BODY);
  }

  @Test
  void sendsOverTlsToAServerWhoseCertificateNamesTheHost(@TempDir Path dir) throws Exception {
    SelfSignedTls tls = SelfSignedTls.create("ip:127.0.0.1", dir);
    LoopbackServer server =
        server(
            LoopbackServer.startTls(tls.server(), LoopbackServer.answering(200, "OK", "sealed")));
    Config config = new Config(https(server));
    config.sslContext = tls.client();

    HttpResponse response = sendAndWait(config, BODY);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(new String(response.getResponseBody(), StandardCharsets.UTF_8)).isEqualTo("sealed");
    assertThat(server.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.body).isEqualTo(BODY));
  }

  @Test
  void refusesACertificateIssuedForAnotherHostWithoutRetrying(@TempDir Path dir) throws Exception {
    SelfSignedTls tls = SelfSignedTls.create("dns:collector.example", dir);
    LoopbackServer server =
        server(LoopbackServer.startTls(tls.server(), LoopbackServer.answering(200, "OK", "")));
    Config config = new Config(https(server));
    config.sslContext = tls.client();
    config.retryPolicy = fastRetries(5);

    Throwable failure = sendAndFail(config, new SenderState(config.endpoint), BODY);

    assertThat(failure).isInstanceOf(ExportFailure.class).hasMessageStartingWith("TLS failure (");
    assertThat(server.requests()).isEmpty();
    assertThat(server.awaitConnections(2, Duration.ofMillis(200))).as("a second attempt").isFalse();
  }

  @Test
  void compressesTheBodyWithTheConfiguredCompressor() throws Exception {
    LoopbackServer server = server(LoopbackServer.answering(200, "OK", ""));
    Config config = new Config(server.endpoint("/v1/traces"));
    config.compressor = new Gzip();

    sendAndWait(config, BODY);

    LoopbackServer.Request request = server.requests().get(0);
    assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(request.header("Content-Length")).isEqualTo(String.valueOf(request.body.length));
    try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(request.body))) {
      assertThat(unzipped.readAllBytes()).isEqualTo(BODY);
    }
  }

  @Test
  void returnsAClientErrorAtOnceWithoutRetrying() throws Exception {
    LoopbackServer server = server(LoopbackServer.answering(400, "Bad Request", "bad"));
    Config config = new Config(server.endpoint("/v1/traces"));
    config.retryPolicy = fastRetries(5);
    SenderState state = new SenderState(config.endpoint);

    HttpResponse response = sendAndWait(config, state, BODY);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(server.requests()).hasSize(1);
    assertThat(state.lastAttemptFailure()).isEqualTo("HTTP 400 Bad Request");
  }

  @Test
  void retriesARetryableAnswerUntilItSucceeds() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    LoopbackServer server =
        server(
            (socket, s) -> {
              s.readRequest(socket);
              String status = attempts.incrementAndGet() < 3 ? "503 Service Unavailable" : "200 OK";
              LoopbackServer.answer(socket, "HTTP/1.1 " + status + "\r\nContent-Length: 0\r\n\r\n");
            });
    Config config = new Config(server.endpoint("/v1/traces"));
    config.retryPolicy = fastRetries(5);
    SenderState state = new SenderState(config.endpoint);

    HttpResponse response = sendAndWait(config, state, BODY);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(server.requests()).hasSize(3);
    assertThat(state.lastAttemptFailure()).isNull();
  }

  @Test
  void returnsTheLastRetryableAnswerAfterTheLastAttempt() throws Exception {
    LoopbackServer server = server(LoopbackServer.answering(503, "Service Unavailable", ""));
    Config config = new Config(server.endpoint("/v1/traces"));
    config.retryPolicy = fastRetries(3);
    SenderState state = new SenderState(config.endpoint);

    HttpResponse response = sendAndWait(config, state, BODY);

    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(server.requests()).hasSize(3);
    assertThat(state.lastAttemptFailure()).isEqualTo("HTTP 503 Service Unavailable");
  }

  @Test
  void saysConnectionRefusedWhenNothingListens() throws Exception {
    Config config =
        new Config(URI.create("http://127.0.0.1:" + LoopbackServer.closedPort() + "/v1/traces"));
    SenderState state = new SenderState(config.endpoint);

    Throwable failure = sendAndFail(config, state, BODY);

    assertThat(failure).isInstanceOf(ExportFailure.class).hasMessage("connection refused");
    assertThat(state.lastAttemptFailure()).isEqualTo("connection refused");
  }

  @Test
  void retriesARefusedConnectionAsThePolicySays() throws Exception {
    Config config =
        new Config(URI.create("http://127.0.0.1:" + LoopbackServer.closedPort() + "/v1/traces"));
    AtomicInteger asked = new AtomicInteger();
    config.retryPolicy =
        fastRetries(4).toBuilder()
            .setRetryExceptionPredicate(
                e -> {
                  asked.incrementAndGet();
                  return true;
                })
            .build();

    Throwable failure = sendAndFail(config, new SenderState(config.endpoint), BODY);

    assertThat(failure).hasMessage("connection refused");
    // asked after every failed attempt: four attempts in all
    assertThat(asked.get()).isEqualTo(4);
  }

  @Test
  void givesUpWhenNoAnswerComesWithinTheTimeout() throws Exception {
    LoopbackServer server = server(silent());
    Config config = new Config(server.endpoint("/v1/traces"));
    config.timeout = Duration.ofMillis(1000);

    Throwable failure = sendAndFail(config, new SenderState(config.endpoint), BODY);

    assertThat(failure).isInstanceOf(ExportFailure.class).hasMessage("no answer within 1000 ms");
    assertThat(server.awaitConnections(1, GENEROUS)).isTrue();
  }

  @Test
  void givesUpWhenTheRequestCannotBeSentWithinTheTimeout() throws Exception {
    // accepts but never reads: once the socket buffers are full, writing blocks
    LoopbackServer server = server(LoopbackServer.start((socket, s) -> park(), 50, 4096));
    Config config = new Config(server.endpoint("/v1/traces"));
    config.timeout = Duration.ofMillis(1000);

    Throwable failure =
        sendAndFail(config, new SenderState(config.endpoint), new byte[64 * 1024 * 1024]);

    assertThat(failure)
        .isInstanceOf(ExportFailure.class)
        .hasMessage("could not send the request within 1000 ms");
  }

  @Test
  void readsAChunkedAnswer() throws Exception {
    LoopbackServer server =
        server(
            (socket, s) -> {
              s.readRequest(socket);
              LoopbackServer.answer(
                  socket,
                  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nTrailer: x\r\n\r\n");
            });

    HttpResponse response = sendAndWait(new Config(server.endpoint("/v1/traces")), BODY);

    assertThat(new String(response.getResponseBody(), StandardCharsets.UTF_8))
        .isEqualTo("hello world");
  }

  @Test
  void readsAnAnswerWithoutLengthUntilTheConnectionCloses() throws Exception {
    LoopbackServer server =
        server(
            (socket, s) -> {
              s.readRequest(socket);
              LoopbackServer.answer(socket, "HTTP/1.0 200 OK\r\n\r\nall of it");
            });

    HttpResponse response = sendAndWait(new Config(server.endpoint("/v1/traces")), BODY);

    assertThat(new String(response.getResponseBody(), StandardCharsets.UTF_8))
        .isEqualTo("all of it");
  }

  @Test
  void skipsInterimAnswers() throws Exception {
    LoopbackServer server =
        server(
            (socket, s) -> {
              s.readRequest(socket);
              LoopbackServer.answer(
                  socket,
                  "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
            });

    HttpResponse response = sendAndWait(new Config(server.endpoint("/v1/traces")), BODY);

    assertThat(response.getStatusCode()).isEqualTo(202);
  }

  @Test
  void keepsNoMoreOfTheAnswerThanTheLimit() throws Exception {
    LoopbackServer server = server(LoopbackServer.answering(500, "Oops", "x".repeat(100)));
    Config config = new Config(server.endpoint("/v1/traces"));
    config.maxResponseBodySize = 10;

    HttpResponse response = sendAndWait(config, BODY);

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(response.getResponseBody()).hasSize(10);
  }

  @Test
  void unzipsAGzipAnswer() throws Exception {
    java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(zipped)) {
      out.write("compressed".getBytes(StandardCharsets.UTF_8));
    }
    byte[] gzip = zipped.toByteArray();
    LoopbackServer server =
        server(
            (socket, s) -> {
              s.readRequest(socket);
              OutputStream out = socket.getOutputStream();
              out.write(
                  ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: "
                          + gzip.length
                          + "\r\n\r\n")
                      .getBytes(StandardCharsets.ISO_8859_1));
              out.write(gzip);
              socket.close();
            });

    HttpResponse response = sendAndWait(new Config(server.endpoint("/v1/traces")), BODY);

    assertThat(new String(response.getResponseBody(), StandardCharsets.UTF_8))
        .isEqualTo("compressed");
  }

  @Test
  void saysWhenTheAnswerIsNotHttp() throws Exception {
    LoopbackServer server =
        server(
            (socket, s) -> {
              s.readRequest(socket);
              LoopbackServer.answer(socket, "SSH-2.0-OpenSSH\r\n");
            });

    Throwable failure =
        sendAndFail(new Config(server.endpoint("/v1/traces")), new SenderState(null), BODY);

    assertThat(failure).hasMessage("not an HTTP answer: SSH-2.0-OpenSSH");
  }

  @Test
  void saysWhenTheConnectionClosesWithoutAnAnswer() throws Exception {
    LoopbackServer server =
        server(
            (socket, s) -> {
              s.readRequest(socket);
              socket.close();
            });

    Throwable failure =
        sendAndFail(new Config(server.endpoint("/v1/traces")), new SenderState(null), BODY);

    assertThat(failure).hasMessage("the connection was closed without an answer");
  }

  @Test
  void refusesAHeaderValueThatWouldSplitTheRequest() throws Exception {
    LoopbackServer server = server(LoopbackServer.answering(200, "OK", ""));
    Config config = new Config(server.endpoint("/v1/traces"));
    config.headers = () -> Map.of("X-Tenant", List.of("a\r\nX-Injected: 1"));

    Throwable failure = sendAndFail(config, new SenderState(config.endpoint), BODY);

    assertThat(failure).hasMessage("header X-Tenant has a line break in it");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void shutdownEndsAnExportStillWaitingForItsAnswer() throws Exception {
    LoopbackServer server = server(silent());
    Config config = new Config(server.endpoint("/v1/traces"));
    config.timeout = Duration.ofMinutes(10);
    SocketHttpSender sender = new SocketHttpSender(config, new SenderState(config.endpoint));
    CompletableFuture<HttpResponse> result = send(sender, BODY);
    assertThat(server.awaitConnections(1, GENEROUS)).isTrue();

    sender.shutdown();

    // the server accepted: the exchange is somewhere between connecting and waiting for its answer
    Throwable failure = failureOf(result);
    assertThat(failure)
        .isInstanceOf(ExportFailure.class)
        .hasMessageStartingWith("stopped at exit while ");
  }

  @Test
  void refusesToSendAfterShutdown() throws Exception {
    LoopbackServer server = server(LoopbackServer.answering(200, "OK", ""));
    Config config = new Config(server.endpoint("/v1/traces"));
    SocketHttpSender sender = new SocketHttpSender(config, new SenderState(config.endpoint));
    sender.shutdown();

    Throwable failure = failureOf(send(sender, BODY));

    assertThat(failure).hasMessage("the exporter was shut down");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void rejectsAnEndpointThatIsNotHttp() {
    Config config = new Config(URI.create("ftp://127.0.0.1/v1/traces"));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new SocketHttpSender(config, new SenderState(config.endpoint)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("OTLP endpoint must be http or https: ftp://127.0.0.1/v1/traces");
  }

  private static URI https(LoopbackServer server) {
    return URI.create("https://127.0.0.1:" + server.endpoint("/").getPort() + "/v1/traces");
  }

  private LoopbackServer server(LoopbackServer.Behaviour behaviour) throws IOException {
    return server(LoopbackServer.start(behaviour));
  }

  private LoopbackServer server(LoopbackServer server) {
    resources.add(server);
    return server;
  }

  /** Reads the request, then holds the connection open without answering. */
  private static LoopbackServer.Behaviour silent() {
    return (socket, server) -> {
      server.readRequest(socket);
      park();
    };
  }

  private static void park() throws InterruptedException {
    new CountDownLatch(1).await();
  }

  private static RetryPolicy fastRetries(int attempts) {
    return RetryPolicy.builder()
        .setMaxAttempts(attempts)
        .setInitialBackoff(Duration.ofMillis(1))
        .setMaxBackoff(Duration.ofMillis(2))
        .build();
  }

  private HttpResponse sendAndWait(Config config, byte[] body) throws Exception {
    return sendAndWait(config, new SenderState(config.endpoint), body);
  }

  private HttpResponse sendAndWait(Config config, SenderState state, byte[] body) throws Exception {
    SocketHttpSender sender = new SocketHttpSender(config, state);
    resources.add(sender::shutdown);
    return send(sender, body).get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Throwable sendAndFail(Config config, SenderState state, byte[] body) throws Exception {
    SocketHttpSender sender = new SocketHttpSender(config, state);
    resources.add(sender::shutdown);
    return failureOf(send(sender, body));
  }

  private static Throwable failureOf(CompletableFuture<HttpResponse> result) throws Exception {
    try {
      HttpResponse response = result.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS);
      throw new AssertionError("expected a failure, got HTTP " + response.getStatusCode());
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  private static CompletableFuture<HttpResponse> send(SocketHttpSender sender, byte[] body) {
    CompletableFuture<HttpResponse> result = new CompletableFuture<>();
    sender.send(
        new MessageWriter() {
          @Override
          public void writeMessage(OutputStream output) throws IOException {
            output.write(body);
          }

          @Override
          public int getContentLength() {
            return body.length;
          }
        },
        result::complete,
        result::completeExceptionally);
    return result;
  }

  /** What the OTLP exporter would hand the sender, with test-sized defaults. */
  static final class Config implements HttpSenderConfig {
    final URI endpoint;
    Duration timeout = Duration.ofSeconds(10);
    Duration connectTimeout = Duration.ofSeconds(10);
    Compressor compressor;
    Supplier<Map<String, List<String>>> headers = Map::of;
    RetryPolicy retryPolicy;
    SSLContext sslContext;
    long maxResponseBodySize = 4 * 1024 * 1024;

    Config(URI endpoint) {
      this.endpoint = endpoint;
    }

    @Override
    public URI getEndpoint() {
      return endpoint;
    }

    @Override
    public String getContentType() {
      return "application/x-protobuf";
    }

    @Override
    public Compressor getCompressor() {
      return compressor;
    }

    @Override
    public Duration getTimeout() {
      return timeout;
    }

    @Override
    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    @Override
    public Supplier<Map<String, List<String>>> getHeadersSupplier() {
      return headers;
    }

    @Override
    public ProxyOptions getProxyOptions() {
      return null;
    }

    @Override
    public RetryPolicy getRetryPolicy() {
      return retryPolicy;
    }

    @Override
    public SSLContext getSslContext() {
      return sslContext;
    }

    @Override
    public X509TrustManager getTrustManager() {
      return null;
    }

    @Override
    public ExecutorService getExecutorService() {
      return null;
    }

    @Override
    public long getMaxResponseBodySize() {
      return maxResponseBodySize;
    }
  }

  /** gzip, as the OTLP exporter's own compressor does it. */
  static final class Gzip implements Compressor {
    @Override
    public String getEncoding() {
      return "gzip";
    }

    @Override
    public OutputStream compress(OutputStream out) throws IOException {
      return new GZIPOutputStream(out);
    }
  }
}
