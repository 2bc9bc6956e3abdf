package dev.jouletrace.probe.internal.nvml;

import dev.jouletrace.probe.EnergyDomain;

/** One visible board: its domain, how its energy is read, and how the JVM's share is taken. */
final class GpuChannel {
  final EnergyDomain domain;
  final GpuMeter meter;

  /** Null when the whole board is charged (MIG board-level figures, no per-process data). */
  final GpuProcessShare share;

  GpuChannel(EnergyDomain domain, GpuMeter meter, GpuProcessShare share) {
    this.domain = domain;
    this.meter = meter;
    this.share = share;
  }
}
