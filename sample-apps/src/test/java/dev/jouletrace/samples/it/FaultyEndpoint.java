package dev.jouletrace.samples.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * An OTLP endpoint on 127.0.0.1 that fails: nothing listening, a server that reads each request and
 * never answers, or one that answers every request with an error status.
 */
final class FaultyEndpoint implements AutoCloseable {
  private final ServerSocket server;
  private final int port;
  private final String answer;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final List<Socket> held = new ArrayList<>();
  private int requests;

  private FaultyEndpoint(ServerSocket server, int port, String answer) {
    this.server = server;
    this.port = port;
    this.answer = answer;
    if (server != null) {
      Thread accept = new Thread(this::serve, "faulty-endpoint-" + port);
      accept.setDaemon(true);
      accept.start();
    }
  }

  /** A port where nothing listens: connections are refused. */
  static FaultyEndpoint refusing() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, loopback())) {
      return new FaultyEndpoint(null, probe.getLocalPort(), null);
    }
  }

  /** Accepts, reads each request whole, and never answers. */
  static FaultyEndpoint silent() throws IOException {
    ServerSocket server = bind();
    return new FaultyEndpoint(server, server.getLocalPort(), null);
  }

  /** Answers every request with {@code status reason} and an empty body. */
  static FaultyEndpoint answering(int status, String reason) throws IOException {
    ServerSocket server = bind();
    return new FaultyEndpoint(
        server,
        server.getLocalPort(),
        "HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  }

  private static ServerSocket bind() throws IOException {
    ServerSocket server = new ServerSocket();
    server.bind(new InetSocketAddress(loopback(), 0), 50);
    return server;
  }

  private static InetAddress loopback() throws IOException {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
  }

  /** The base endpoint to give {@code otel.exporter.otlp.endpoint}. */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  synchronized int requests() {
    return requests;
  }

  private void serve() {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException closedServer) {
        return;
      }
      Thread connection = new Thread(() -> handle(socket), "faulty-endpoint-connection");
      connection.setDaemon(true);
      connection.start();
    }
  }

  private void handle(Socket socket) {
    try {
      readRequest(socket.getInputStream());
      synchronized (this) {
        requests++;
        held.add(socket);
      }
      if (answer == null) {
        closed.await(); // hold the connection open, unanswered, until the test ends
        return;
      }
      OutputStream out = socket.getOutputStream();
      out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      socket.close();
    } catch (IOException | InterruptedException e) {
      // the client gave up: that is what the test is about
    }
  }

  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the client closed before its request was whole");
      }
      head.append((char) b);
    }
    String lower = head.toString().toLowerCase(Locale.ROOT);
    int at = lower.indexOf("content-length:");
    if (at >= 0) {
      in.readNBytes(Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim()));
    }
  }

  @Override
  public void close() throws IOException {
    closed.countDown();
    if (server != null) {
      server.close();
    }
    synchronized (this) {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }
}
