package dev.jouletrace.probe.internal.nvml;

import dev.jouletrace.probe.EnergyMethod;

/** Cumulative energy of one GPU board by one of NVML's routes. Callers serialise access. */
interface GpuMeter {

  EnergyMethod method();

  /** How the energy is obtained, for statuses, e.g. "energy counter". */
  String describe();

  /** Joules since open, as of {@code nanos}; cheap, allocation-free, monotonic. */
  double joules(long nanos);

  /** Sampler work at {@code nanos}: fold counters, take a power reading. */
  void sample(long nanos);

  /** Joules as of the last {@link #sample}, the figure a sampler window closes on. */
  double sampledJoules();
}
