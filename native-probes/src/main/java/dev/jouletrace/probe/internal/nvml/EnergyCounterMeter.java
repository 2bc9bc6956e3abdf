package dev.jouletrace.probe.internal.nvml;

import com.sun.jna.Pointer;
import dev.jouletrace.probe.EnergyMethod;
import java.util.Locale;

/**
 * {@code nvmlDeviceGetTotalEnergyConsumption}: mJ since the driver was loaded, 64-bit, so it does
 * not wrap; it restarts when the driver reloads (possible without persistence mode), so a decrease
 * is a reset and that interval is dropped (docs/PROBES.md §1.2).
 *
 * <p>When the board also reports power, the sampler integrates it alongside (trapezoids between
 * samples) as a cross-check: the counter and integrated power can disagree (an idle window gave 187
 * J against 327 J, ml-energy/zeus#181), so both are kept. Only intervals in which both the counter
 * and the power reading succeeded, with no counter reset, enter the comparison. The reported energy
 * is always the counter's.
 */
final class EnergyCounterMeter implements GpuMeter {
  private final NvmlLibrary nvml;
  private final Pointer device;
  private final long[] scratch = new long[1];
  private long previousMj;
  private long totalMj;
  private int resets;
  private int failures;

  /** Power read alongside on the sampler thread; null when the board reports none. */
  private final PowerReading crossPower;

  private boolean crossAnchored;
  private double crossLastWatts;
  private long crossLastNanos;
  private long crossLastTotalMj;
  private int crossLastResets;
  private long crossCounterMj;
  private double crossPowerJoules;
  private long crossNanos;

  EnergyCounterMeter(NvmlLibrary nvml, Pointer device, long initialMj) {
    this(nvml, device, initialMj, null, 0);
  }

  EnergyCounterMeter(
      NvmlLibrary nvml, Pointer device, long initialMj, PowerReading crossPower, long nowNanos) {
    this.nvml = nvml;
    this.device = device;
    this.previousMj = initialMj;
    this.crossPower = crossPower;
    if (crossPower != null) {
      anchorCrossCheck(crossPower.watts(), nowNanos);
    }
  }

  @Override
  public EnergyMethod method() {
    return EnergyMethod.MEASURED;
  }

  @Override
  public String describe() {
    return "energy counter (nvmlDeviceGetTotalEnergyConsumption)"
        + (crossPower == null ? "" : ", cross-checked against " + crossPower.describe());
  }

  @Override
  public double joules(long nanos) {
    poll();
    return totalMj / 1000.0;
  }

  @Override
  public void sample(long nanos) {
    int failed = failures;
    poll();
    if (crossPower == null) {
      return;
    }
    if (failures != failed) {
      crossAnchored = false;
      return;
    }
    double watts = crossPower.watts();
    boolean valid = !Double.isNaN(watts) && watts >= 0;
    if (valid && crossAnchored && resets == crossLastResets && nanos > crossLastNanos) {
      crossCounterMj += totalMj - crossLastTotalMj;
      crossPowerJoules += (crossLastWatts + watts) / 2.0 * (nanos - crossLastNanos) / 1e9;
      crossNanos += nanos - crossLastNanos;
    }
    anchorCrossCheck(watts, nanos);
  }

  private void anchorCrossCheck(double watts, long nanos) {
    if (Double.isNaN(watts) || watts < 0) {
      crossAnchored = false;
      return;
    }
    crossLastWatts = watts;
    crossLastNanos = nanos;
    crossLastTotalMj = totalMj;
    crossLastResets = resets;
    crossAnchored = true;
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

  /** Whether power is integrated alongside the counter. */
  boolean crossChecked() {
    return crossPower != null;
  }

  /**
   * (integrated power − counter) ÷ counter over the compared intervals: 0.1 when power integration
   * gives 10 % more than the counter. NaN until the counter has advanced in a compared interval.
   */
  double crossCheckDifference() {
    if (crossPower == null || crossCounterMj <= 0) {
      return Double.NaN;
    }
    double counter = crossCounterMj / 1000.0;
    return (crossPowerJoules - counter) / counter;
  }

  /** One line for {@code doctor}. */
  String crossCheckSummary() {
    if (crossPower == null) {
      return "no power reading to cross-check the counter with";
    }
    if (crossNanos == 0) {
      return "no complete sampler interval yet";
    }
    double counter = crossCounterMj / 1000.0;
    String diff =
        crossCounterMj <= 0
            ? "counter did not advance"
            : String.format(
                Locale.ROOT, "power integration %+.1f %% vs counter", crossCheckDifference() * 100);
    return String.format(
        Locale.ROOT,
        "over %.1f s the energy counter gave %.2f J and %s integrated gave %.2f J: %s",
        crossNanos / 1e9,
        counter,
        crossPower.describe(),
        crossPowerJoules,
        diff);
  }
}
