package dev.jouletrace.probe.internal.hwmon;

import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.internal.sysfs.CounterFile;
import java.io.IOException;

/**
 * Intel i915/xe {@code energy1_input} (µJ, mode 0444; docs/PROBES.md §4). A decrease is accepted as
 * a wrap at 2^32 µJ when that much energy is plausible in the elapsed time at {@link
 * #HIGHEST_GPU_WATTS}; any other decrease is a reset and its interval is dropped.
 *
 * <p>Caution: the 32-bit hardware register counts in 2^-14 J units and the driver accumulates it
 * into a 63-bit value before exposing it (i915_hwmon.c {@code hwm_energy}, xe_hwmon.c), so {@code
 * energy1_input} itself does not wrap at 2^32 µJ; in practice a decrease is a driver reload, and
 * the wrap branch can only misread such a reset.
 */
final class EnergyInputMeter implements HwmonGpuMeter {
  /** Above the 600 W of the largest discrete GPUs (2024); bounds what a wrap may add. */
  static final double HIGHEST_GPU_WATTS = 1000.0;

  static final long WRAP_UJ = 1L << 32;

  private final CounterFile file;
  private final String description;
  private long previousUj;
  private long previousNanos;
  private long totalUj;
  private int failures;

  EnergyInputMeter(CounterFile file, String description, long nowNanos) throws IOException {
    this.file = file;
    this.description = description;
    this.previousUj = file.readLong();
    this.previousNanos = nowNanos;
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
    if (delta < 0) {
      long wrapped = delta + WRAP_UJ;
      double plausibleUj = Math.max(0, nanos - previousNanos) / 1e9 * HIGHEST_GPU_WATTS * 1e6;
      delta = wrapped >= 0 && wrapped <= plausibleUj ? wrapped : 0;
    }
    totalUj += delta;
    previousUj = cur;
    previousNanos = nanos;
  }

  @Override
  public void close() {
    file.close();
  }
}
