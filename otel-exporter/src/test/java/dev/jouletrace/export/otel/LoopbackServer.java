package dev.jouletrace.export.otel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A raw TCP server on 127.0.0.1 that plays a misbehaving (or well-behaved) OTLP endpoint: each
 * connection is handed to a {@link Behaviour}, and every request it reads is kept.
 */
final class LoopbackServer implements AutoCloseable {

  /** What the server does with one connection. */
  @FunctionalInterface
  interface Behaviour {
    void handle(Socket socket, LoopbackServer server) throws IOException, InterruptedException;
  }

  /** A request as read off the wire. */
  static final class Request {
    final String requestLine;
    final Map<String, String> headers;
    final byte[] body;

    Request(String requestLine, Map<String, String> headers, byte[] body) {
      this.requestLine = requestLine;
      this.headers = headers;
      this.body = body;
    }

    /** A header by its lower-case name. */
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final ServerSocket server;
  private final Behaviour behaviour;
  private final List<Socket> sockets = new ArrayList<>();
  private final List<Request> requests = new ArrayList<>();
  private int connections;

  private LoopbackServer(ServerSocket server, Behaviour behaviour) {
    this.server = server;
    this.behaviour = behaviour;
    Thread accept = new Thread(this::acceptAll, "loopback-server-" + server.getLocalPort());
    accept.setDaemon(true);
    accept.start();
  }

  static LoopbackServer start(Behaviour behaviour) throws IOException {
    return start(behaviour, 50, 0);
  }

  /**
   * @param backlog pending connections the kernel accepts for us
   * @param receiveBuffer the accepted sockets' receive buffer (0: the system's)
   */
  static LoopbackServer start(Behaviour behaviour, int backlog, int receiveBuffer)
      throws IOException {
    ServerSocket server = new ServerSocket();
    if (receiveBuffer > 0) {
      server.setReceiveBufferSize(receiveBuffer);
    }
    server.bind(new InetSocketAddress(loopback(), 0), backlog);
    return new LoopbackServer(server, behaviour);
  }

  /** Speaks TLS with {@code context}'s key, then behaves as {@code behaviour}. */
  static LoopbackServer startTls(SSLContext context, Behaviour behaviour) throws IOException {
    ServerSocket server = context.getServerSocketFactory().createServerSocket();
    server.bind(new InetSocketAddress(loopback(), 0), 50);
    return new LoopbackServer(server, behaviour);
  }

  /** A port where nothing listens (bound a moment ago, then closed). */
  static int closedPort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, loopback())) {
      return probe.getLocalPort();
    }
  }

  static InetAddress loopback() throws IOException {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
  }

  URI endpoint(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + pathAndQuery);
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Waits until {@code count} connections were accepted, or {@code timeout}; says which. */
  synchronized boolean awaitConnections(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (connections < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException closed) {
        return;
      }
      synchronized (this) {
        sockets.add(socket);
        connections++;
        notifyAll();
      }
      Thread handler =
          new Thread(
              () -> {
                try {
                  behaviour.handle(socket, this);
                } catch (IOException | InterruptedException ignored) {
                  // the client went away, or the test ended
                }
              },
              "loopback-connection");
      handler.setDaemon(true);
      handler.start();
    }
  }

  /** Reads one request (head and a Content-Length body) and keeps it. */
  Request readRequest(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    String requestLine = line(in);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    Request request = new Request(requestLine, headers, body);
    synchronized (this) {
      requests.add(request);
      notifyAll();
    }
    return request;
  }

  /** Writes {@code answer} (a whole HTTP response) and closes the connection. */
  static void answer(Socket socket, String answer) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    socket.close();
  }

  /** A behaviour that reads the request and answers {@code status reason} with {@code body}. */
  static Behaviour answering(int status, String reason, String body) {
    return (socket, server) -> {
      server.readRequest(socket);
      answer(
          socket,
          "HTTP/1.1 "
              + status
              + " "
              + reason
              + "\r\nContent-Length: "
              + body.length()
              + "\r\n\r\n"
              + body);
    };
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (this) {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }
}
