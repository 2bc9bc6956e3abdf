package dev.jouletrace.probe.internal.nvml;

import com.sun.jna.Pointer;
import dev.jouletrace.probe.EnergyMethod;

/**
 * {@code nvmlDeviceGetTotalEnergyConsumption}: mJ since the driver was loaded, 64-bit, so it does
 * not wrap; it restarts when the driver reloads (possible without persistence mode), so a decrease
 * is a reset and that interval is dropped (probes.md §1.2).
 */
final class EnergyCounterMeter implements GpuMeter {
  private final NvmlLibrary nvml;
  private final Pointer device;
  private final long[] scratch = new long[1];
  private long previousMj;
  private long totalMj;
  private int resets;
  private int failures;

  EnergyCounterMeter(NvmlLibrary nvml, Pointer device, long initialMj) {
    this.nvml = nvml;
    this.device = device;
    this.previousMj = initialMj;
  }

  @Override
  public EnergyMethod method() {
    return EnergyMethod.MEASURED;
  }

  @Override
  public String describe() {
    return "energy counter (nvmlDeviceGetTotalEnergyConsumption)";
  }

  @Override
  public double joules(long nanos) {
    poll();
    return totalMj / 1000.0;
  }

  @Override
  public void sample(long nanos) {
    poll();
  }

  @Override
  public double sampledJoules() {
    return totalMj / 1000.0;
  }

  private void poll() {
    if (nvml.totalEnergy(device, scratch) != NvmlReturn.SUCCESS) {
      failures++;
      return;
    }
    long current = scratch[0];
    if (current >= previousMj) {
      totalMj += current - previousMj;
    } else {
      resets++;
    }
    previousMj = current;
  }

  int resets() {
    return resets;
  }

  int failures() {
    return failures;
  }
}
