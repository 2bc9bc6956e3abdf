package dev.jouletrace.probe.internal.hwmon;

import dev.jouletrace.probe.EnergyMethod;

/** Cumulative energy of one GPU from hwmon; callers serialise access. */
interface HwmonGpuMeter {
  EnergyMethod method();

  String describe();

  /** Joules since open as of {@code nanos}; cheap and monotonic. */
  double joules(long nanos);

  void sample(long nanos);

  void close();
}
