package dev.jouletrace.probe.internal.cpu;

import java.lang.management.ManagementFactory;

/**
 * This JVM's CPU time. Prefers {@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}
 * (one {@code times(2)} call, about a microsecond, no allocation); JVMs without that interface
 * report -1 and callers treat the share as unknown.
 */
final class ProcessCpuClock {
  private final java.lang.management.OperatingSystemMXBean os =
      ManagementFactory.getOperatingSystemMXBean();
  private final boolean supported;

  ProcessCpuClock() {
    boolean ok;
    try {
      ok = os instanceof com.sun.management.OperatingSystemMXBean && nanos0() >= 0;
    } catch (LinkageError e) {
      ok = false;
    }
    this.supported = ok;
  }

  boolean isSupported() {
    return supported;
  }

  long nanos() {
    return supported ? nanos0() : -1L;
  }

  private long nanos0() {
    return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
  }
}
