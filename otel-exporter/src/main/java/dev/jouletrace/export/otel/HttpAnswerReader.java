package dev.jouletrace.export.otel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads an HTTP/1.1 answer: status line (interim 1xx answers skipped), headers, and a body framed
 * by Content-Length, chunked encoding or the end of the connection, gzip-decoded, of at most a
 * given size (enough to explain a failure; the rest is left unread).
 */
final class HttpAnswerReader {
  private static final int MAX_LINE_BYTES = 8192;
  private static final int MAX_HEADER_LINES = 200;

  private final InputStream in;
  private final long maxBody;

  HttpAnswerReader(InputStream in, long maxBody) {
    this.in = in;
    this.maxBody = maxBody;
  }

  SenderResponse read() throws IOException {
    int status;
    String reason;
    Map<String, String> fields;
    do {
      String statusLine = line();
      if (statusLine == null) {
        throw new ExportFailure("the connection was closed without an answer", true);
      }
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new ExportFailure("not an HTTP answer: " + abbreviate(statusLine), true);
      }
      try {
        status = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new ExportFailure("not an HTTP answer: " + abbreviate(statusLine), true);
      }
      reason = parts.length > 2 ? parts[2] : "";
      fields = fields();
    } while (status >= 100 && status < 200);
    byte[] body = body(status, fields);
    if ("gzip".equalsIgnoreCase(fields.getOrDefault("content-encoding", ""))) {
      body = limited(new GZIPInputStream(new ByteArrayInputStream(body)));
    }
    return new SenderResponse(status, reason, body);
  }

  private byte[] body(int status, Map<String, String> fields) throws IOException {
    if (status == 204 || status == 304) {
      return new byte[0];
    }
    if (fields.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
      return chunked();
    }
    String length = fields.get("content-length");
    if (length != null) {
      long declared;
      try {
        declared = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        throw new ExportFailure("not an HTTP answer: Content-Length " + abbreviate(length), true);
      }
      return limited(new BoundedStream(in, declared));
    }
    return limited(in); // the server closes the connection after the body
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line();
      if (sizeLine == null) {
        throw new ExportFailure("the answer ended in the middle of its body", true);
      }
      int semicolon = sizeLine.indexOf(';');
      long size;
      try {
        size =
            Long.parseLong(
                (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
      } catch (NumberFormatException e) {
        throw new ExportFailure("not an HTTP answer: chunk size " + abbreviate(sizeLine), true);
      }
      if (size == 0) {
        fields(); // trailers
        return body.toByteArray();
      }
      byte[] chunk = limited(new BoundedStream(in, size));
      long room = maxBody - body.size();
      body.write(chunk, 0, (int) Math.min(chunk.length, Math.max(0, room)));
      if (body.size() >= maxBody) {
        return body.toByteArray(); // enough to explain a failure; the rest is not read
      }
      line(); // the CRLF after the chunk
    }
  }

  /** At most {@code maxBody} bytes of {@code stream}; the rest is left unread. */
  private byte[] limited(InputStream stream) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long left = maxBody;
    int n;
    while (left > 0 && (n = stream.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
      out.write(buffer, 0, n);
      left -= n;
    }
    return out.toByteArray();
  }

  private Map<String, String> fields() throws IOException {
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i < MAX_HEADER_LINES; i++) {
      String line = line();
      if (line == null || line.isEmpty()) {
        return fields;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    throw new ExportFailure(
        "not an HTTP answer: more than " + MAX_HEADER_LINES + " header lines", true);
  }

  /** A line without its CRLF (or LF); null at the end of the stream before any byte. */
  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_LINE_BYTES) {
        throw new ExportFailure(
            "not an HTTP answer: a line longer than " + MAX_LINE_BYTES + " bytes", true);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  /** The first {@code length} bytes of a stream. */
  private static final class BoundedStream extends InputStream {
    private final InputStream in;
    private long left;

    BoundedStream(InputStream in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
