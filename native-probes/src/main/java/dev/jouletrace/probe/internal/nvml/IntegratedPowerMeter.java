package dev.jouletrace.probe.internal.nvml;

import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.internal.PowerIntegrator;
import java.util.function.DoubleSupplier;

/**
 * Energy from power sampled by the sampler thread (at least 10 Hz) and integrated: {@link
 * EnergyMethod#INTEGRATED} for a power reading, {@link EnergyMethod#ESTIMATED} for power limit ×
 * utilisation.
 */
final class IntegratedPowerMeter implements GpuMeter {
  private final EnergyMethod method;
  private final String description;
  private final DoubleSupplier watts;
  private final PowerIntegrator integrator = new PowerIntegrator();
  private double lastReported;
  private int failures;

  IntegratedPowerMeter(
      EnergyMethod method, String description, DoubleSupplier watts, long startNanos) {
    this.method = method;
    this.description = description;
    this.watts = watts;
    sample(startNanos);
  }

  @Override
  public EnergyMethod method() {
    return method;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public double joules(long nanos) {
    double j = integrator.joulesAt(nanos);
    if (j < lastReported) {
      j = lastReported;
    }
    lastReported = j;
    return j;
  }

  @Override
  public void sample(long nanos) {
    double w = watts.getAsDouble();
    if (Double.isNaN(w) || w < 0) {
      failures++;
      integrator.gap();
    } else {
      integrator.add(w, nanos);
    }
  }

  @Override
  public double sampledJoules() {
    return Math.max(integrator.joules(), 0);
  }

  int failures() {
    return failures;
  }
}
