package dev.jouletrace.probe.internal.sysfs;

import java.io.Closeable;
import java.io.IOException;

/** An open file holding one decimal integer (e.g. {@code energy_uj}), re-read on every call. */
public interface CounterFile extends Closeable {

  /** Re-reads the file from offset 0 and parses its integer; does not allocate on success. */
  long readLong() throws IOException;

  @Override
  void close();
}
