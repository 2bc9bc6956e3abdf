package dev.jouletrace.export.otel;

import java.net.URI;

/**
 * What the sender of one exporter saw last: its endpoint, and why its latest attempt failed (no
 * connection, no answer, or an answer that is not a success such as "HTTP 503 Service
 * Unavailable"). Read to say why an export failed, or why spans still being retried at exit were
 * not delivered.
 */
final class SenderState {
  private final URI endpoint;
  private volatile String lastAttemptFailure;

  SenderState(URI endpoint) {
    this.endpoint = endpoint;
  }

  URI endpoint() {
    return endpoint;
  }

  void attemptFailed(String reason) {
    lastAttemptFailure = reason;
  }

  void attemptSucceeded() {
    lastAttemptFailure = null;
  }

  /** Why the latest attempt failed, or null when it succeeded (or none was made yet). */
  String lastAttemptFailure() {
    return lastAttemptFailure;
  }
}
