package dev.jouletrace.probe.internal.cpu;

import dev.jouletrace.probe.internal.sysfs.DecimalParser;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Machine-wide busy CPU time from the aggregate {@code cpu} line of {@code /proc/stat}.
 *
 * <p>Busy = user + nice + system + irq + softirq. Idle and iowait are not busy; steal is time the
 * hypervisor ran someone else, not energy spent on our behalf; guest and guest_nice are already
 * included in user and nice (Documentation/filesystems/proc.rst), so adding them would count them
 * twice. The values are in USER_HZ ticks, which the kernel fixes at 100 Hz for user space on every
 * mainstream architecture (include/asm-generic/param.h), whatever CONFIG_HZ is.
 */
final class ProcStatBusyTime implements Closeable {
  static final long NANOS_PER_TICK = 10_000_000L;
  // The aggregate line comes first; 11 counters of up to 20 digits fit easily.
  private static final int CAPACITY = 512;

  private final Path path;
  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(CAPACITY);

  private ProcStatBusyTime(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  static ProcStatBusyTime open(Path procStat) throws IOException {
    ProcStatBusyTime t =
        new ProcStatBusyTime(procStat, FileChannel.open(procStat, StandardOpenOption.READ));
    t.busyNanos();
    return t;
  }

  long busyNanos() throws IOException {
    buffer.clear();
    int n = Math.max(channel.read(buffer, 0), 0);
    if (n < 4 || buffer.get(0) != 'c' || buffer.get(1) != 'p' || buffer.get(2) != 'u') {
      throw new IOException(path + " does not start with the aggregate cpu line");
    }
    int end = 3;
    while (end < n && buffer.get(end) != '\n') {
      end++;
    }
    // Fields after "cpu": user nice system idle iowait irq softirq steal guest guest_nice.
    long busyTicks = 0;
    int pos = 3;
    for (int field = 0; field < 7; field++) {
      pos = skipBlanks(pos, end);
      if (pos >= end) {
        if (field < 4) {
          throw new IOException(path + " has too few cpu fields");
        }
        break; // Kernels before 2.6.0 lack irq/softirq: treat as zero.
      }
      long v = DecimalParser.parseLong(buffer, pos, end, path);
      if (field != 3 && field != 4) {
        busyTicks += v;
      }
      pos = skipDigits(pos, end);
    }
    return busyTicks * NANOS_PER_TICK;
  }

  private int skipBlanks(int pos, int end) {
    while (pos < end && buffer.get(pos) == ' ') {
      pos++;
    }
    return pos;
  }

  private int skipDigits(int pos, int end) {
    while (pos < end && buffer.get(pos) != ' ') {
      pos++;
    }
    return pos;
  }

  @Override
  public String toString() {
    return path.toString();
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // read-only procfs file
    }
  }
}
