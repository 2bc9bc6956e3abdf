package dev.jouletrace.probe.internal.hwmon;

import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.internal.PowerIntegrator;
import dev.jouletrace.probe.internal.sysfs.CounterFile;
import java.io.IOException;

/**
 * amdgpu {@code power1_average} or {@code power1_input} (µW): amdgpu hwmon has no energy file, so
 * power is sampled at 10 Hz and integrated (amdgpu_pm.c; docs/PROBES.md §3.2). On APUs the figure
 * includes the CPU.
 */
final class PowerInputMeter implements HwmonGpuMeter {
  private final CounterFile file;
  private final String description;
  private final PowerIntegrator integrator = new PowerIntegrator();
  private double lastReported;

  PowerInputMeter(CounterFile file, String description, long nowNanos) throws IOException {
    this.file = file;
    this.description = description;
    integrator.add(file.readLong() / 1e6, nowNanos);
  }

  @Override
  public EnergyMethod method() {
    return EnergyMethod.INTEGRATED;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public double joules(long nanos) {
    double j = Math.max(lastReported, integrator.joulesAt(nanos));
    lastReported = j;
    return j;
  }

  @Override
  public void sample(long nanos) {
    try {
      integrator.add(file.readLong() / 1e6, nanos);
    } catch (IOException e) {
      integrator.gap();
    }
  }

  @Override
  public void close() {
    file.close();
  }
}
