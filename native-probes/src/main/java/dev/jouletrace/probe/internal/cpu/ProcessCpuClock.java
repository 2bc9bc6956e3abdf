package dev.jouletrace.probe.internal.cpu;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import dev.jouletrace.probe.internal.JnaSearchPath;
import java.lang.management.ManagementFactory;

/**
 * This JVM's CPU time, all threads. On Linux it is read with {@code
 * clock_gettime(CLOCK_PROCESS_CPUTIME_ID)}, which counts nanoseconds: the JDK's {@code
 * OperatingSystemMXBean#getProcessCpuTime} uses {@code times(2)}, whose 10 ms clock ticks would
 * make an epoch or validation pass of a few tens of milliseconds read as zero or one tick. Where
 * libc cannot be bound, the MXBean is used; JVMs without either report -1 and callers treat the
 * share as unknown.
 */
final class ProcessCpuClock {
  // asked for only where libc cannot be bound: the platform MXBeans cost a start-up some eighty
  // classes and tens of milliseconds (docs/BENCHMARKS.md, start-up)
  private final com.sun.management.OperatingSystemMXBean os;
  private final boolean precise;
  private final boolean supported;
  // one timespec per thread: read() and sample() run on different threads, neither may allocate
  private final ThreadLocal<long[]> timespec = ThreadLocal.withInitial(() -> new long[2]);

  ProcessCpuClock() {
    this.precise = LibcClock.available() && preciseNanos() >= 0;
    this.os = precise ? null : processMxBean();
    this.supported = precise || (os != null && os.getProcessCpuTime() >= 0);
  }

  /** The JDK's process CPU clock, or null where the JVM has none. */
  private static com.sun.management.OperatingSystemMXBean processMxBean() {
    try {
      java.lang.management.OperatingSystemMXBean bean =
          ManagementFactory.getOperatingSystemMXBean();
      return bean instanceof com.sun.management.OperatingSystemMXBean
          ? (com.sun.management.OperatingSystemMXBean) bean
          : null;
    } catch (LinkageError | RuntimeException e) {
      return null;
    }
  }

  boolean isSupported() {
    return supported;
  }

  /** Whether readings have nanosecond resolution rather than clock ticks. */
  boolean isPrecise() {
    return precise;
  }

  long nanos() {
    if (precise) {
      return preciseNanos();
    }
    return supported ? mxBeanNanos() : -1L;
  }

  private long preciseNanos() {
    long[] ts = timespec.get();
    if (LibcClock.clock_gettime(LibcClock.CLOCK_PROCESS_CPUTIME_ID, ts) != 0) {
      return -1L;
    }
    return ts[0] * 1_000_000_000L + ts[1];
  }

  private long mxBeanNanos() {
    return os.getProcessCpuTime();
  }

  /** libc's {@code clock_gettime}, bound once by JNA direct mapping. */
  static final class LibcClock {
    static final int CLOCK_PROCESS_CPUTIME_ID = 2; // <linux/time.h>
    private static final boolean BOUND = bind();

    private LibcClock() {}

    /** {@code struct timespec} is two 64-bit longs on 64-bit Linux: seconds, nanoseconds. */
    static native int clock_gettime(int clockId, long[] timespec);

    static boolean available() {
      return BOUND;
    }

    private static boolean bind() {
      JnaSearchPath.prepare();
      if (!Platform.isLinux() || Native.LONG_SIZE != 8) {
        return false;
      }
      try {
        Native.register(LibcClock.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        return true;
      } catch (UnsatisfiedLinkError | RuntimeException e) {
        return false;
      }
    }
  }
}
