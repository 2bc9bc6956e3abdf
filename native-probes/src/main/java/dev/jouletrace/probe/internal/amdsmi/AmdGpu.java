package dev.jouletrace.probe.internal.amdsmi;

import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.internal.sysfs.CounterFile;

/** One AMD GPU measured through AMD SMI, with the hwmon power file that watches its counter. */
final class AmdGpu {
  final EnergyDomain domain;
  final AmdEnergyMeter meter;

  /** PCI address such as {@code 0000:03:00.0}; null when AMD SMI could not give one. */
  final String pciAddress;

  /** amdgpu hwmon {@code power1_average}/{@code power1_input} (µW), or null: no stuck watch. */
  final CounterFile power;

  final long openNanos;

  /** Power seen while the counter had not moved for {@link AmdSmiProbe#STUCK_AFTER}; NaN if not. */
  double stuckWatts = Double.NaN;

  long stuckForNanos;

  AmdGpu(
      EnergyDomain domain,
      AmdEnergyMeter meter,
      String pciAddress,
      CounterFile power,
      long openNanos) {
    this.domain = domain;
    this.meter = meter;
    this.pciAddress = pciAddress;
    this.power = power;
    this.openNanos = openNanos;
  }
}
