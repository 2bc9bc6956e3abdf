package dev.jouletrace.export.otel;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Sends OTLP/HTTP requests over a plain socket (a TLS socket for {@code https}), one HTTP/1.1
 * request per connection, on daemon threads of its own.
 *
 * <p>It replaces the JDK HttpClient sender for two reasons. Another agent in the JVM that traces
 * {@code java.net.http} (the OpenTelemetry Java agent does) would otherwise trace our exports as if
 * the application made them; nothing instruments plain sockets. And every step is bounded: the
 * whole request, retries included, by the exporter's timeout ({@code otel.exporter.otlp.timeout}),
 * connecting also by its connect timeout. When a deadline passes, the socket is closed, which ends
 * a blocked connect, TLS handshake, write or read at once.
 */
final class SocketHttpSender implements HttpSender {
  /** Answers worth another attempt, as in the OTLP specification. */
  static final Set<Integer> RETRYABLE_STATUS = Set.of(429, 502, 503, 504);

  private static final long LONGEST_WAIT_NANOS = TimeUnit.HOURS.toNanos(24);

  private final String host;
  private final int port;
  private final boolean tls;
  private final String requestTarget;
  private final String hostHeader;
  private final String contentType;
  private final Compressor compressor;
  private final long timeoutNanos;
  private final long connectTimeoutNanos;
  private final Supplier<Map<String, List<String>>> headers;
  private final RetryPolicy retryPolicy;
  private final SSLContext sslContext;
  private final long maxResponseBodySize;
  private final SenderState state;
  private final ExecutorService executor;
  private final boolean ownExecutor;
  private final ScheduledThreadPoolExecutor deadlines;
  private final Set<Exchange> inFlight = ConcurrentHashMap.newKeySet();
  private final CountDownLatch shutdown = new CountDownLatch(1);

  SocketHttpSender(HttpSenderConfig config, SenderState state) {
    URI endpoint = config.getEndpoint();
    String scheme =
        endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("OTLP endpoint must be http or https: " + endpoint);
    }
    if (endpoint.getHost() == null) {
      throw new IllegalArgumentException("OTLP endpoint has no host: " + endpoint);
    }
    if (config.getProxyOptions() != null) {
      for (Proxy proxy : config.getProxyOptions().getProxySelector().select(endpoint)) {
        if (proxy.type() != Proxy.Type.DIRECT) {
          throw new IllegalArgumentException(
              "Jouletrace's OTLP sender connects directly; a proxy is not supported ("
                  + proxy
                  + ")");
        }
      }
    }
    this.tls = scheme.equals("https");
    this.host = endpoint.getHost();
    this.port = endpoint.getPort() >= 0 ? endpoint.getPort() : tls ? 443 : 80;
    String path =
        endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty()
            ? "/"
            : endpoint.getRawPath();
    this.requestTarget =
        endpoint.getRawQuery() == null ? path : path + "?" + endpoint.getRawQuery();
    String bracketed = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    this.hostHeader = endpoint.getPort() >= 0 ? bracketed + ":" + port : bracketed;
    this.contentType = config.getContentType();
    this.compressor = config.getCompressor();
    this.timeoutNanos = boundedNanos(config.getTimeout().toNanos());
    this.connectTimeoutNanos = boundedNanos(config.getConnectTimeout().toNanos());
    this.headers = config.getHeadersSupplier();
    this.retryPolicy = config.getRetryPolicy();
    this.sslContext = config.getSslContext();
    this.maxResponseBodySize = config.getMaxResponseBodySize();
    this.state = state;
    if (config.getExecutorService() != null) {
      this.executor = config.getExecutorService();
      this.ownExecutor = false;
    } else {
      this.executor =
          new ThreadPoolExecutor(
              0, 4, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), daemon("jouletrace-otlp-send"));
      this.ownExecutor = true;
    }
    this.deadlines = new ScheduledThreadPoolExecutor(1, daemon("jouletrace-otlp-deadline"));
    deadlines.setRemoveOnCancelPolicy(true);
    deadlines.setKeepAliveTime(30, TimeUnit.SECONDS);
    deadlines.allowCoreThreadTimeOut(true);
    loadSocketNatives();
  }

  /**
   * Loads now, on the thread that builds the exporter during the agent's start, the JDK native
   * libraries a connection needs ({@code libnet}, {@code libnio} and {@code libextnet}, which the
   * JDK otherwise loads at the first {@code connect}, on a send thread in the middle of the
   * training). A library loaded while ND4J's JavaCPP walks the loaded objects can deadlock the
   * dynamic loader (docs/FRAMEWORKS.md §13a); the agent holds JavaCPP back until its start is over,
   * so what it loads then is safe. No socket is opened: an unconnected socket has no descriptor.
   */
  private static void loadSocketNatives() {
    try (Socket unconnected = new Socket()) {
      unconnected.supportedOptions();
    } catch (IOException | RuntimeException | LinkageError e) {
      // the first connection loads them instead, as without this step
    }
  }

  private static long boundedNanos(long nanos) {
    return nanos <= 0 ? LONGEST_WAIT_NANOS : Math.min(nanos, LONGEST_WAIT_NANOS);
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void send(
      MessageWriter message, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
    if (shutdown.getCount() == 0) {
      onError.accept(new ExportFailure("the exporter was shut down", false));
      return;
    }
    try {
      executor.execute(
          () -> {
            HttpResponse response;
            try {
              response = sendWithRetries(body(message));
            } catch (IOException | RuntimeException e) {
              onError.accept(e);
              return;
            }
            onResponse.accept(response);
          });
    } catch (RejectedExecutionException e) {
      onError.accept(new ExportFailure("too many exports still waiting for an answer", true, e));
    }
  }

  private byte[] body(MessageWriter message) throws IOException {
    ByteArrayOutputStream buffer =
        new ByteArrayOutputStream(Math.max(64, message.getContentLength()));
    if (compressor == null) {
      message.writeMessage(buffer);
    } else {
      try (OutputStream compressed = compressor.compress(buffer)) {
        message.writeMessage(compressed);
      }
    }
    return buffer.toByteArray();
  }

  /**
   * Attempts until an answer that is not worth retrying, the retry policy's last attempt, or the
   * timeout; backs off between attempts as the policy says (with ±20% jitter).
   */
  private HttpResponse sendWithRetries(byte[] body) throws IOException {
    long deadline = System.nanoTime() + timeoutNanos;
    int maxAttempts = retryPolicy == null ? 1 : retryPolicy.getMaxAttempts();
    long backoffNanos = retryPolicy == null ? 0 : retryPolicy.getInitialBackoff().toNanos();
    for (int attempt = 1; ; attempt++) {
      SenderResponse response = null;
      ExportFailure failure = null;
      try {
        response = attempt(body, deadline);
        int status = response.getStatusCode();
        if (status >= 200 && status < 300) {
          state.attemptSucceeded();
        } else {
          state.attemptFailed(("HTTP " + status + " " + response.getStatusMessage()).trim());
        }
        if (!RETRYABLE_STATUS.contains(status)) {
          return response;
        }
      } catch (ExportFailure e) {
        state.attemptFailed(e.getMessage());
        if (!retryable(e)) {
          throw e;
        }
        failure = e;
      }
      if (attempt >= maxAttempts) {
        return finalOutcome(response, failure);
      }
      long capped = Math.min(backoffNanos, retryPolicy.getMaxBackoff().toNanos());
      long waitNanos = (long) (capped * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
      backoffNanos = (long) (capped * retryPolicy.getBackoffMultiplier());
      if (deadline - System.nanoTime() <= waitNanos || awaitShutdown(waitNanos)) {
        return finalOutcome(response, failure);
      }
    }
  }

  private static SenderResponse finalOutcome(SenderResponse response, ExportFailure failure)
      throws ExportFailure {
    if (response != null) {
      return response;
    }
    throw failure;
  }

  private boolean retryable(ExportFailure failure) {
    Predicate<IOException> predicate =
        retryPolicy == null ? null : retryPolicy.getRetryExceptionPredicate();
    return predicate != null ? predicate.test(failure) : failure.retryable();
  }

  /** Waits {@code nanos}, or less when the sender is shut down meanwhile; true in that case. */
  private boolean awaitShutdown(long nanos) {
    try {
      return shutdown.await(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** One request on a new connection, closed at {@code deadline} at the latest. */
  private SenderResponse attempt(byte[] body, long deadline) throws ExportFailure {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      throw new ExportFailure("no answer within " + millis(timeoutNanos) + " ms", true);
    }
    Exchange exchange = new Exchange();
    inFlight.add(exchange);
    ScheduledFuture<?> guard =
        deadlines.schedule(exchange::expire, remaining, TimeUnit.NANOSECONDS);
    try {
      if (shutdown.getCount() == 0) {
        exchange.abort();
      }
      return exchange.run(body, deadline);
    } catch (IOException e) {
      throw exchange.explain(e);
    } finally {
      guard.cancel(false);
      inFlight.remove(exchange);
      exchange.close();
    }
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  @Override
  public CompletableResultCode shutdown() {
    shutdown.countDown();
    for (Exchange exchange : inFlight) {
      exchange.abort();
    }
    if (ownExecutor) {
      executor.shutdown();
    }
    deadlines.shutdownNow();
    return CompletableResultCode.ofSuccess();
  }

  /** What stage a request is at; says what a passed deadline interrupted. */
  private enum Stage {
    CONNECTING,
    SENDING,
    WAITING
  }

  /** One connection and its request; closable from another thread at its deadline or at exit. */
  private final class Exchange {
    private final Socket socket = new Socket();
    private volatile Stage stage = Stage.CONNECTING;
    private volatile long connectLimitNanos = connectTimeoutNanos;
    private volatile boolean expired;
    private volatile boolean aborted;

    SenderResponse run(byte[] body, long deadline) throws IOException {
      byte[] head = head(body.length); // a header it cannot send fails before any connection
      connectLimitNanos = Math.min(connectTimeoutNanos, deadline - System.nanoTime());
      socket.connect(
          new InetSocketAddress(host, port), (int) Math.max(1, millis(connectLimitNanos)));
      Socket channel = tls ? handshake() : socket;
      stage = Stage.SENDING;
      channel.setSoTimeout((int) Math.max(1, millis(deadline - System.nanoTime())));
      OutputStream out = new BufferedOutputStream(channel.getOutputStream(), 16 * 1024);
      out.write(head);
      out.write(body);
      out.flush();
      stage = Stage.WAITING;
      return new HttpAnswerReader(
              new BufferedInputStream(channel.getInputStream()), maxResponseBodySize)
          .read();
    }

    private Socket handshake() throws IOException {
      SSLContext context;
      try {
        context = sslContext != null ? sslContext : SSLContext.getDefault();
      } catch (NoSuchAlgorithmException e) {
        throw new ExportFailure("TLS is not available: " + e.getMessage(), false, e);
      }
      SSLSocket secure =
          (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true);
      SSLParameters parameters = secure.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      secure.setSSLParameters(parameters);
      secure.startHandshake();
      return secure;
    }

    void expire() {
      expired = true;
      close();
    }

    void abort() {
      aborted = true;
      close();
    }

    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing to give up: nothing more to do
      }
    }

    /** The user-facing reason for {@code e}, which may only be the symptom of a closed socket. */
    ExportFailure explain(IOException e) {
      if (aborted) {
        return new ExportFailure("stopped at exit while " + doing(), true, e);
      }
      if (expired || e instanceof SocketTimeoutException) {
        switch (stage) {
          case CONNECTING:
            // connected, the TLS handshake was under way: the request's own deadline passed
            long limit = socket.isConnected() ? timeoutNanos : connectLimitNanos;
            return new ExportFailure("no connection within " + millis(limit) + " ms", true, e);
          case SENDING:
            return new ExportFailure(
                "could not send the request within " + millis(timeoutNanos) + " ms", true, e);
          default:
            return new ExportFailure("no answer within " + millis(timeoutNanos) + " ms", true, e);
        }
      }
      if (e instanceof ExportFailure) {
        return (ExportFailure) e;
      }
      if (e instanceof ConnectException) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return new ExportFailure(
            message.contains("refused") ? "connection refused" : "cannot connect (" + message + ")",
            true,
            e);
      }
      if (e instanceof UnknownHostException) {
        return new ExportFailure("unknown host " + host, true, e);
      }
      if (e instanceof NoRouteToHostException) {
        return new ExportFailure("no route to host " + host, true, e);
      }
      if (e instanceof SSLException) {
        return new ExportFailure("TLS failure (" + e.getMessage() + ")", false, e);
      }
      return new ExportFailure("connection failed while " + doing() + " (" + e + ")", true, e);
    }

    private String doing() {
      switch (stage) {
        case CONNECTING:
          return "connecting";
        case SENDING:
          return "sending the request";
        default:
          return "waiting for an answer";
      }
    }
  }

  private byte[] head(int contentLength) throws ExportFailure {
    StringBuilder head = new StringBuilder(256);
    head.append("POST ").append(requestTarget).append(" HTTP/1.1\r\n");
    header(head, "Host", hostHeader);
    header(head, "Content-Type", contentType);
    header(head, "Content-Length", String.valueOf(contentLength));
    if (compressor != null) {
      header(head, "Content-Encoding", compressor.getEncoding());
    }
    Map<String, List<String>> extra = headers == null ? null : headers.get();
    if (extra != null) {
      for (Map.Entry<String, List<String>> entry : extra.entrySet()) {
        String name = entry.getKey();
        if (isFramingHeader(name)) {
          continue; // this sender frames the request itself
        }
        for (String value : entry.getValue()) {
          header(head, name, value);
        }
      }
    }
    header(head, "Connection", "close");
    head.append("\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean isFramingHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals("host")
        || lower.equals("content-length")
        || lower.equals("content-type")
        || lower.equals("content-encoding")
        || lower.equals("transfer-encoding")
        || lower.equals("connection");
  }

  private static void header(StringBuilder head, String name, String value) throws ExportFailure {
    if (name.isEmpty() || hasLineBreak(name) || hasLineBreak(value)) {
      throw new ExportFailure("header " + name.trim() + " has a line break in it", false);
    }
    head.append(name).append(": ").append(value).append("\r\n");
  }

  private static boolean hasLineBreak(String s) {
    return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
  }
}
