package dev.jouletrace.probe.internal.amdsmi;

import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyProbe;
import dev.jouletrace.probe.internal.Diagnosable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * AMD GPU energy through AMD SMI's energy counter, one domain per GPU ({@code gpu:amd-<pci
 * address>}), charged whole to the JVM ({@code visible-device-total}): AMD SMI has no per-process
 * energy.
 *
 * <p>The sampler also watches for a counter that never moves while the GPU draws power (amdgpu
 * hwmon above {@link #STUCK_WATTS}): a known firmware problem on MI210 (constant within a process,
 * ROCm/rocm_smi_lib#180) and MI100 (stuck until reboot, ROCm/amdsmi#38). {@link #diagnostics()}
 * reports it; the figure itself stays what the counter says.
 */
public final class AmdSmiProbe implements EnergyProbe, Diagnosable {
  /**
   * The counter is 64-bit and does not wrap; the sampler only catches resets and stuck counters.
   */
  static final Duration SAMPLE_PERIOD = Duration.ofSeconds(1);

  /** How long a counter may stand still under load before it is called stuck. */
  static final Duration STUCK_AFTER = Duration.ofSeconds(1);

  /** Below this the GPU may be truly idle, and a still counter is not suspicious. */
  static final double STUCK_WATTS = 1.0;

  private final AmdSmiLibrary smi;
  private final AmdGpu[] gpus;
  private final List<EnergyDomain> domains;
  private final LongSupplier nanoClock;
  private boolean closed;

  AmdSmiProbe(AmdSmiLibrary smi, List<AmdGpu> gpus, LongSupplier nanoClock) {
    this.smi = smi;
    this.gpus = gpus.toArray(new AmdGpu[0]);
    List<EnergyDomain> d = new ArrayList<>();
    for (AmdGpu g : gpus) {
      d.add(g.domain);
    }
    this.domains = Collections.unmodifiableList(d);
    this.nanoClock = nanoClock;
  }

  @Override
  public String name() {
    return AmdSmiDiscovery.PROBE;
  }

  @Override
  public List<EnergyDomain> domains() {
    return domains;
  }

  @Override
  public synchronized void read(double[] deviceJoules, double[] processJoules) {
    for (int i = 0; i < gpus.length; i++) {
      AmdEnergyMeter m = gpus[i].meter;
      double j;
      if (closed) {
        j = m.polledJoules();
      } else {
        try {
          j = m.joules();
        } catch (RuntimeException e) {
          j = m.polledJoules();
        }
      }
      deviceJoules[i] = j;
      processJoules[i] = j;
    }
  }

  @Override
  public synchronized void sample() {
    if (closed) {
      return;
    }
    long now = nanoClock.getAsLong();
    for (AmdGpu g : gpus) {
      try {
        g.meter.poll();
        watch(g, now);
      } catch (RuntimeException e) {
        // A lost GPU must not stop the sampler for the others.
      }
    }
  }

  private static void watch(AmdGpu g, long now) {
    if (g.meter.moved()) {
      g.stuckWatts = Double.NaN;
      return;
    }
    if (g.power == null || now - g.openNanos < STUCK_AFTER.toNanos()) {
      return;
    }
    double watts;
    try {
      watts = g.power.readLong() / 1e6;
    } catch (IOException e) {
      return;
    }
    if (watts > STUCK_WATTS) {
      g.stuckWatts = watts;
      g.stuckForNanos = now - g.openNanos;
    }
  }

  @Override
  public Duration maxSamplePeriod() {
    return SAMPLE_PERIOD;
  }

  /** PCI addresses of the GPUs measured here, so hwmon does not measure them a second time. */
  public List<String> measuredPciAddresses() {
    List<String> out = new ArrayList<>();
    for (AmdGpu g : gpus) {
      if (g.pciAddress != null) {
        out.add(g.pciAddress);
      }
    }
    return out;
  }

  /** Whether some GPU has no PCI address, so hwmon cannot tell it apart from the others. */
  public boolean hasGpuWithoutPciAddress() {
    for (AmdGpu g : gpus) {
      if (g.pciAddress == null) {
        return true;
      }
    }
    return false;
  }

  /** Stuck counters, resets and failed reads seen so far; empty when all is well. */
  @Override
  public synchronized List<String> diagnostics() {
    List<String> out = new ArrayList<>();
    for (AmdGpu g : gpus) {
      StringBuilder b = new StringBuilder();
      if (!Double.isNaN(g.stuckWatts)) {
        b.append(
            String.format(
                Locale.ROOT,
                "energy counter has not moved in %.1f s while amdgpu hwmon reports %.1f W: a known"
                    + " firmware problem (MI210: ROCm/rocm_smi_lib#180; MI100: ROCm/amdsmi#38);"
                    + " this GPU's energy reads too low, restart the job or reboot the node",
                g.stuckForNanos / 1e9,
                g.stuckWatts));
      }
      if (g.meter.resets() > 0) {
        b.append(b.length() == 0 ? "" : "; ")
            .append(g.meter.resets())
            .append(" counter reset(s), interval(s) dropped");
      }
      if (g.meter.failures() > 0) {
        b.append(b.length() == 0 ? "" : "; ").append(g.meter.failures()).append(" failed read(s)");
      }
      if (b.length() > 0) {
        out.add(g.domain.id() + ": " + b);
      }
    }
    return out;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      for (AmdGpu g : gpus) {
        if (g.power != null) {
          g.power.close();
        }
      }
      smi.shutDown();
    }
  }
}
