package dev.jouletrace.probe.internal.sysfs;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Parses ASCII decimal integers out of byte buffers without allocating. */
public final class DecimalParser {
  private DecimalParser() {}

  /**
   * Parses the first integer in {@code buf[from, to)}, skipping leading blanks.
   *
   * @param source named in the exception when no number is found
   */
  public static long parseLong(ByteBuffer buf, int from, int to, Object source) throws IOException {
    int i = from;
    while (i < to && isBlank(buf.get(i))) {
      i++;
    }
    boolean negative = false;
    if (i < to && buf.get(i) == '-') {
      negative = true;
      i++;
    }
    int start = i;
    long value = 0;
    while (i < to) {
      byte b = buf.get(i);
      if (b < '0' || b > '9') {
        break;
      }
      value = value * 10 + (b - '0');
      i++;
    }
    if (i == start) {
      throw new IOException("no integer in " + source);
    }
    return negative ? -value : value;
  }

  static boolean isBlank(byte b) {
    return b == ' ' || b == '\n' || b == '\t' || b == '\r';
  }
}
