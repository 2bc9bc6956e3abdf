package dev.jouletrace.probe.internal.hwmon;

import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.internal.sysfs.CounterFile;
import java.io.IOException;

/**
 * Intel i915/xe {@code energy1_input} (µJ, mode 0444; docs/PROBES.md §4). The 32-bit hardware
 * register counts in 2^-14 J units, but the driver accumulates it into a 63-bit value before
 * exposing it (i915_hwmon.c {@code hwm_energy}, xe_hwmon.c), so {@code energy1_input} does not wrap
 * in any lifetime: a decrease is a reset (a driver reload) and its interval is dropped.
 */
final class EnergyInputMeter implements HwmonGpuMeter {

  private final CounterFile file;
  private final String description;
  private long previousUj;
  private long totalUj;
  private int failures;

  EnergyInputMeter(CounterFile file, String description, long nowNanos) throws IOException {
    this.file = file;
    this.description = description;
    this.previousUj = file.readLong();
  }

  @Override
  public EnergyMethod method() {
    return EnergyMethod.MEASURED;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public double joules(long nanos) {
    poll(nanos);
    return totalUj / 1e6;
  }

  @Override
  public void sample(long nanos) {
    poll(nanos);
  }

  private void poll(long nanos) {
    long cur;
    try {
      cur = file.readLong();
    } catch (IOException e) {
      failures++;
      return;
    }
    long delta = cur - previousUj;
    // a decrease is a reset: the interval is dropped, counting goes on from the new value
    totalUj += Math.max(0, delta);
    previousUj = cur;
  }

  @Override
  public void close() {
    file.close();
  }
}
