package dev.jouletrace.probe.internal.amdsmi;

import com.sun.jna.Pointer;

/**
 * {@code amdsmi_get_energy_count}: a 64-bit accumulator of ticks of {@code counter_resolution} µJ
 * (typically 15.3 µJ, the value ROCm SMI hard-codes). Joules = ticks × resolution ÷ 10^6. The
 * accumulator does not wrap in practice; a decrease (unsigned) is a reset and its interval is
 * dropped, as for NVML (docs/PROBES.md §1.2, §3.1). Ticks are summed as integers and multiplied
 * once, so the figure does not drift with the number of polls; a change of resolution folds what
 * was summed so far. The {@code float} resolution is taken at its shortest decimal value (15.3f →
 * 15.3), which is what the driver means. Allocation-free once the resolution is known. Callers
 * serialise access.
 */
final class AmdEnergyMeter {
  private final AmdSmiLibrary smi;
  private final Pointer processor;
  private final long[] accumulator = new long[1];
  private final float[] resolution = new float[1];
  private final long[] timestamp = new long[1];
  private long previous;
  private long ticks;
  private double foldedJoules;
  private int resolutionBits;
  private double resolutionUj;
  private boolean moved;
  private int resets;
  private int failures;

  AmdEnergyMeter(AmdSmiLibrary smi, Pointer processor, long initialTicks, float initialResolution) {
    this.smi = smi;
    this.processor = processor;
    this.previous = initialTicks;
    setResolution(initialResolution);
  }

  /** The resolution in µJ as a double, from the float's shortest decimal form. */
  static double microjoules(float resolution) {
    return Double.parseDouble(Float.toString(resolution));
  }

  private void setResolution(float r) {
    resolutionBits = Float.floatToRawIntBits(r);
    resolutionUj = microjoules(r);
  }

  /** Polls the counter and returns joules since open. */
  double joules() {
    poll();
    return polledJoules();
  }

  /** Joules as of the last successful poll. */
  double polledJoules() {
    return foldedJoules + (double) ticks * resolutionUj / 1e6;
  }

  void poll() {
    if (smi.energyCount(processor, accumulator, resolution, timestamp) != AmdSmiStatus.SUCCESS) {
      failures++;
      return;
    }
    float r = resolution[0];
    if (!(r > 0) || Float.isInfinite(r)) {
      failures++;
      return;
    }
    if (Float.floatToRawIntBits(r) != resolutionBits) {
      foldedJoules = polledJoules();
      ticks = 0;
      setResolution(r);
    }
    long current = accumulator[0];
    if (current != previous) {
      moved = true;
    }
    if (Long.compareUnsigned(current, previous) >= 0) {
      ticks += current - previous;
    } else {
      resets++;
    }
    previous = current;
  }

  /** Whether the accumulator has changed at all since open. */
  boolean moved() {
    return moved;
  }

  double resolutionUj() {
    return resolutionUj;
  }

  int resets() {
    return resets;
  }

  int failures() {
    return failures;
  }
}
