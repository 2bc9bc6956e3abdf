package dev.jouletrace.probe.internal.hwmon;

import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.EnergyProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * GPU energy from hwmon (AMD amdgpu power, Intel i915/xe energy). hwmon has no per-process figures,
 * so the whole visible device is charged ({@code visible-device-total}).
 */
public final class HwmonGpuProbe implements EnergyProbe {
  static final String ATTRIBUTION = "visible-device-total";

  private final String name;
  private final List<EnergyDomain> domains;
  private final HwmonGpuMeter[] meters;
  private final LongSupplier nanoClock;
  private final double[] last;
  private final Duration maxSamplePeriod;
  private boolean closed;

  HwmonGpuProbe(
      String name, List<EnergyDomain> domains, List<HwmonGpuMeter> meters, LongSupplier clock) {
    this.name = name;
    this.domains = Collections.unmodifiableList(new ArrayList<>(domains));
    this.meters = meters.toArray(new HwmonGpuMeter[0]);
    this.nanoClock = clock;
    this.last = new double[this.meters.length];
    Duration period = Duration.ofSeconds(1);
    for (HwmonGpuMeter m : meters) {
      if (m.method() != EnergyMethod.MEASURED) {
        period = Duration.ofMillis(100); // power integration at 10 Hz
      }
    }
    this.maxSamplePeriod = period;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<EnergyDomain> domains() {
    return domains;
  }

  @Override
  public synchronized void read(double[] deviceJoules, double[] processJoules) {
    long now = nanoClock.getAsLong();
    for (int i = 0; i < meters.length; i++) {
      if (!closed) {
        try {
          last[i] = meters[i].joules(now);
        } catch (RuntimeException e) {
          // keep the last figure
        }
      }
      deviceJoules[i] = last[i];
      processJoules[i] = last[i];
    }
  }

  @Override
  public synchronized void sample() {
    if (closed) {
      return;
    }
    long now = nanoClock.getAsLong();
    for (HwmonGpuMeter m : meters) {
      try {
        m.sample(now);
      } catch (RuntimeException e) {
        // one sensor failing must not stop the others
      }
    }
  }

  @Override
  public Duration maxSamplePeriod() {
    return maxSamplePeriod;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      for (HwmonGpuMeter m : meters) {
        m.close();
      }
    }
  }
}
