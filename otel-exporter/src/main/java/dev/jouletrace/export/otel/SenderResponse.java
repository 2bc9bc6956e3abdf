package dev.jouletrace.export.otel;

import io.opentelemetry.sdk.common.export.HttpResponse;

/** An answer as the OTLP exporter reads it. */
final class SenderResponse implements HttpResponse {
  private final int status;
  private final String message;
  private final byte[] body;

  SenderResponse(int status, String message, byte[] body) {
    this.status = status;
    this.message = message;
    this.body = body;
  }

  @Override
  public int getStatusCode() {
    return status;
  }

  @Override
  public String getStatusMessage() {
    return message;
  }

  @Override
  public byte[] getResponseBody() {
    return body;
  }
}
