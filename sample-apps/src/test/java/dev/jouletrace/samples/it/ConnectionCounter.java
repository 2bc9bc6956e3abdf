package dev.jouletrace.samples.it;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Counts TCP connections to one port on 127.0.0.1, to prove that nothing connected there.
 *
 * <p>{@link #connectionsSoFar} first makes its own marker connection and waits until the accept
 * loop has reached it; Linux accepts connections in arrival order, so every earlier attempt has
 * been counted by then.
 */
final class ConnectionCounter implements AutoCloseable {

  private final ServerSocket server;
  private final Object lock = new Object();
  private final List<Integer> remotePorts = new ArrayList<>();

  private ConnectionCounter(ServerSocket server) {
    this.server = server;
    Thread acceptLoop = new Thread(this::acceptAll, "connection-counter-" + server.getLocalPort());
    acceptLoop.setDaemon(true);
    acceptLoop.start();
  }

  /** Listens on 127.0.0.1:{@code port}, or returns empty when that port is taken. */
  static Optional<ConnectionCounter> listen(int port) throws IOException {
    ServerSocket server = new ServerSocket();
    try {
      server.bind(
          new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 50);
    } catch (BindException taken) {
      server.close();
      return Optional.empty();
    }
    return Optional.of(new ConnectionCounter(server));
  }

  int port() {
    return server.getLocalPort();
  }

  /**
   * Connections accepted before this call, not counting its own marker; call it once, after the
   * fork ended.
   */
  int connectionsSoFar(Duration timeout) throws IOException, InterruptedException {
    try (Socket marker = new Socket()) {
      marker.connect(server.getLocalSocketAddress(), (int) timeout.toMillis());
      int markerPort = marker.getLocalPort();
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (lock) {
        while (!remotePorts.contains(markerPort)) {
          long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
          if (leftMillis <= 0) {
            throw new AssertionError("accept loop on port " + port() + " never saw the marker");
          }
          lock.wait(leftMillis);
        }
        return remotePorts.lastIndexOf(markerPort);
      }
    }
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        synchronized (lock) {
          remotePorts.add(socket.getPort());
          lock.notifyAll();
        }
      } catch (IOException closedOrFailed) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close(); // ends the accept loop
  }
}
