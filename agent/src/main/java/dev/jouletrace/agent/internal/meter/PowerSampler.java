package dev.jouletrace.agent.internal.meter;

import dev.jouletrace.probe.EnergyProbe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The daemon thread that calls every probe's {@link EnergyProbe#sample()} often enough for the most
 * demanding probe (RAPL wrap watch, power integration), and never slower than configured.
 */
public final class PowerSampler implements AutoCloseable {
  private final List<EnergyProbe> probes;
  private final long periodNanos;
  private final Consumer<String> problems;
  private final boolean[] reported;
  private final Thread thread;
  private volatile boolean running = true;
  private final Runnable afterTick;

  /**
   * @param afterTick runs on the sampler thread after every tick (hour marks), never throws
   */
  public PowerSampler(
      List<EnergyProbe> probes,
      Duration configured,
      Consumer<String> problems,
      Runnable afterTick) {
    this.afterTick = afterTick;
    this.probes = List.copyOf(probes);
    this.problems = problems;
    this.reported = new boolean[probes.size()];
    Duration period = configured;
    for (EnergyProbe p : probes) {
      Duration max = p.maxSamplePeriod();
      if (max != null && !max.isZero() && !max.isNegative() && max.compareTo(period) < 0) {
        period = max;
      }
    }
    this.periodNanos = period.toNanos();
    this.thread = new Thread(this::loop, "jouletrace-sampler");
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  public Duration period() {
    return Duration.ofNanos(periodNanos);
  }

  private void loop() {
    long next = System.nanoTime();
    while (running) {
      sampleAll();
      next += periodNanos;
      long wait = next - System.nanoTime();
      if (wait < 0) {
        next = System.nanoTime();
        continue;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  void sampleAll() {
    sampleProbes();
    try {
      afterTick.run();
    } catch (RuntimeException e) {
      problems.accept("the sampler's hourly energy mark failed (" + e + ")");
    }
  }

  private void sampleProbes() {
    for (int i = 0; i < probes.size(); i++) {
      try {
        probes.get(i).sample();
      } catch (RuntimeException e) {
        if (!reported[i]) {
          reported[i] = true;
          problems.accept(
              "probe "
                  + probes.get(i).name()
                  + " failed while sampling ("
                  + e
                  + "); its figures may be incomplete");
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
