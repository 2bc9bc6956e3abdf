package dev.jouletrace.probe.internal;

import dev.jouletrace.probe.ProbeSettings;
import dev.jouletrace.probe.internal.cpu.CpuTimeSources;
import dev.jouletrace.probe.internal.sysfs.SysfsAccess;
import java.util.function.LongSupplier;

/** Everything discovery touches outside the JVM: settings, files, CPU clocks. */
public final class ProbeContext {
  private final ProbeSettings settings;
  private final SysfsAccess sysfs;
  private final CpuTimeSources cpuTimes;
  private final LongSupplier nanoClock;

  public ProbeContext(
      ProbeSettings settings, SysfsAccess sysfs, CpuTimeSources cpuTimes, LongSupplier nanoClock) {
    this.settings = settings;
    this.sysfs = sysfs;
    this.cpuTimes = cpuTimes;
    this.nanoClock = nanoClock;
  }

  public ProbeContext(ProbeSettings settings, SysfsAccess sysfs, CpuTimeSources cpuTimes) {
    this(settings, sysfs, cpuTimes, System::nanoTime);
  }

  /** The real machine, with the roots from {@code settings}. */
  public static ProbeContext real(ProbeSettings settings) {
    return new ProbeContext(settings, SysfsAccess.real(), CpuTimeSources.of(settings));
  }

  public ProbeSettings settings() {
    return settings;
  }

  public SysfsAccess sysfs() {
    return sysfs;
  }

  public CpuTimeSources cpuTimes() {
    return cpuTimes;
  }

  /** Monotonic time in ns ({@link System#nanoTime()}); scripted in tests. */
  public LongSupplier nanoClock() {
    return nanoClock;
  }
}
