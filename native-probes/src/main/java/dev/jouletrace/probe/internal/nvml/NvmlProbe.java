package dev.jouletrace.probe.internal.nvml;

import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.EnergyProbe;
import dev.jouletrace.probe.internal.AttributionLedger;
import dev.jouletrace.probe.internal.Diagnosable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

/** NVIDIA GPU energy through NVML, one domain per visible board ({@code gpu:<uuid>}). */
public final class NvmlProbe implements EnergyProbe, Diagnosable {
  /** Power-only boards are integrated at 10 Hz or faster (docs/PROBES.md §5). */
  static final Duration POWER_SAMPLE_PERIOD = Duration.ofMillis(100);

  static final Duration COUNTER_SAMPLE_PERIOD = Duration.ofSeconds(1);

  private final NvmlLibrary nvml;
  private final GpuChannel[] channels;
  private final List<EnergyDomain> domains;
  private final LongSupplier nanoClock;
  private final AttributionLedger ledger;
  private final Duration maxSamplePeriod;
  private boolean closed;

  NvmlProbe(NvmlLibrary nvml, List<GpuChannel> channels, LongSupplier nanoClock) {
    this.nvml = nvml;
    this.channels = channels.toArray(new GpuChannel[0]);
    List<EnergyDomain> d = new ArrayList<>();
    Duration period = COUNTER_SAMPLE_PERIOD;
    for (GpuChannel c : channels) {
      d.add(c.domain);
      if (c.meter.method() != EnergyMethod.MEASURED) {
        period = POWER_SAMPLE_PERIOD;
      }
    }
    this.domains = Collections.unmodifiableList(d);
    this.nanoClock = nanoClock;
    this.ledger = new AttributionLedger(this.channels.length);
    this.maxSamplePeriod = period;
  }

  @Override
  public String name() {
    return "nvml";
  }

  @Override
  public List<EnergyDomain> domains() {
    return domains;
  }

  @Override
  public synchronized void read(double[] deviceJoules, double[] processJoules) {
    long now = nanoClock.getAsLong();
    for (int i = 0; i < channels.length; i++) {
      GpuChannel c = channels[i];
      double device = closed ? c.meter.sampledJoules() : safeJoules(c, now);
      deviceJoules[i] = device;
      processJoules[i] = c.share == null ? device : ledger.processAt(i, device);
    }
  }

  private static double safeJoules(GpuChannel c, long now) {
    try {
      return c.meter.joules(now);
    } catch (RuntimeException e) {
      return c.meter.sampledJoules();
    }
  }

  @Override
  public synchronized void sample() {
    if (closed) {
      return;
    }
    long now = nanoClock.getAsLong();
    for (int i = 0; i < channels.length; i++) {
      GpuChannel c = channels[i];
      try {
        c.meter.sample(now);
        if (c.share != null) {
          ledger.close(i, c.meter.sampledJoules(), c.share.closeWindow());
        }
      } catch (RuntimeException e) {
        // A lost GPU must not stop the sampler for the others.
      }
    }
  }

  @Override
  public Duration maxSamplePeriod() {
    return maxSamplePeriod;
  }

  /** The JVM's current share of each board, and what it is based on, for {@code doctor}. */
  public synchronized String shareSummary() {
    StringBuilder b = new StringBuilder();
    for (GpuChannel c : channels) {
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append(c.domain.id()).append(": ");
      if (c.share == null) {
        b.append("whole board (").append(c.domain.attribution()).append(')');
      } else {
        b.append(String.format("%.1f %% (%s)", c.share.share() * 100, c.share.basis()));
      }
    }
    return b.toString();
  }

  /**
   * For domain {@code i}: (integrated power − energy counter) ÷ energy counter over the probe's
   * life so far, e.g. 0.1 when power integration gives 10 % more. NaN when the domain has no
   * counter, no power reading, or no compared interval in which the counter advanced.
   */
  public synchronized double crossCheck(int i) {
    GpuMeter m = channels[i].meter;
    return m instanceof EnergyCounterMeter
        ? ((EnergyCounterMeter) m).crossCheckDifference()
        : Double.NaN;
  }

  /** Counter vs integrated power, one line per board measured by its counter. */
  @Override
  public synchronized List<String> diagnostics() {
    List<String> out = new ArrayList<>();
    for (GpuChannel c : channels) {
      if (c.meter instanceof EnergyCounterMeter) {
        out.add(
            "cross-check "
                + c.domain.id()
                + ": "
                + ((EnergyCounterMeter) c.meter).crossCheckSummary());
      }
    }
    return out;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      nvml.shutdown();
    }
  }
}
