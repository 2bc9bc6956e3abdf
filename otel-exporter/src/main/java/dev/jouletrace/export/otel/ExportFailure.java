package dev.jouletrace.export.otel;

import java.io.IOException;

/**
 * Why an export request failed, worded for the user: "connection refused", "no answer within 10000
 * ms". It ends the message printed at exit about spans that were not delivered.
 */
final class ExportFailure extends IOException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  ExportFailure(String reason, boolean retryable) {
    super(reason);
    this.retryable = retryable;
  }

  ExportFailure(String reason, boolean retryable, Throwable cause) {
    super(reason, cause);
    this.retryable = retryable;
  }

  /** Whether another attempt may succeed (a refused connection may; a TLS failure will not). */
  boolean retryable() {
    return retryable;
  }
}
