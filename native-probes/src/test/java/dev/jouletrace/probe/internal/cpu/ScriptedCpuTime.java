package dev.jouletrace.probe.internal.cpu;

import java.io.IOException;

/** CPU time set by the test: the JVM's and the machine's busy time, in ns. */
public final class ScriptedCpuTime implements CpuTimeSource, CpuTimeSources {
  private long processNanos;
  private long busyNanos;
  private boolean busyFails;

  public ScriptedCpuTime set(long processNanos, long busyNanos) {
    this.processNanos = processNanos;
    this.busyNanos = busyNanos;
    return this;
  }

  /** Advances both clocks: the JVM used {@code processNanos} of {@code busyNanos} busy time. */
  public ScriptedCpuTime add(long processNanos, long busyNanos) {
    return set(this.processNanos + processNanos, this.busyNanos + busyNanos);
  }

  public ScriptedCpuTime busyFails(boolean fails) {
    this.busyFails = fails;
    return this;
  }

  @Override
  public long processCpuNanos() {
    return processNanos;
  }

  @Override
  public long busyCpuNanos() throws IOException {
    if (busyFails) {
      throw new IOException("scripted failure");
    }
    return busyNanos;
  }

  @Override
  public String busySource() {
    return "scripted";
  }

  @Override
  public CpuTimeSource hostWide() {
    return this;
  }

  @Override
  public CpuTimeSource visibleCpus() {
    return this;
  }
}
