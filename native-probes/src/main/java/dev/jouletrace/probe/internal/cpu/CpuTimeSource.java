package dev.jouletrace.probe.internal.cpu;

import java.io.IOException;

/** CPU time of this JVM and of the CPUs whose energy is being shared out. */
public interface CpuTimeSource extends AutoCloseable {

  /** CPU time (user + system) consumed by this JVM, in ns; cheap and allocation-free. */
  long processCpuNanos();

  /** Busy CPU time of the whole machine (or of the limiting cgroup), in ns. */
  long busyCpuNanos() throws IOException;

  /** Where the busy time comes from, e.g. {@code /proc/stat}, for statuses and reports. */
  String busySource();

  /** Releases open files; idempotent. */
  @Override
  default void close() {}
}
