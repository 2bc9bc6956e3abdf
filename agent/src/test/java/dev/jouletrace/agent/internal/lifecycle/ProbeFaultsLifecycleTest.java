package dev.jouletrace.agent.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.RunEnd;
import dev.jouletrace.accounting.TrainingMetrics;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.FaultyProbe;
import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyMethod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Probe faults seen from the training thread (docs/PROBES.md §6): its epoch boundaries never wait
 * on a hung probe longer than the meter's bound, no epoch is charged energy that was not drawn in
 * it, and every epoch and run a fault touched is labelled estimated with the reason.
 */
class ProbeFaultsLifecycleTest {
  private static final long SCHEDULING_MARGIN_MS = 200;

  private final FaultyProbe cpu = new FaultyProbe("rapl", "cpu:package-0", DomainKind.CPU);
  private final FaultyProbe gpu = new FaultyProbe("nvml", "gpu:GPU-1", DomainKind.GPU);
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final EnergyMeter meter = new EnergyMeter(List.of(cpu, gpu), problems::add);
  private final RecordingSink sink = new RecordingSink();
  private final AtomicLong iterations = new AtomicLong();
  private final TrainingLifecycle lifecycle =
      new TrainingLifecycle(
          meter,
          sink,
          Map.of(
              "dl4j",
              new FrameworkPolicy(
                  new ProgressReader() {
                    @Override
                    public long batchesSoFar(Object model) {
                      return iterations.get();
                    }

                    @Override
                    public TrainingMetrics metrics(Object model) {
                      return TrainingMetrics.NONE;
                    }
                  },
                  FrameworkPolicy.EpochStart.AT_EPOCH_CALL)),
          (trainer, listeners, callbacks) -> listeners,
          false);

  @AfterEach
  void release() {
    gpu.release();
    meter.close();
  }

  /** One epoch drawing these joules; returns the longest boundary call, in ms. */
  private long epoch(Object net, double cpuJoules, double gpuJoules) {
    long t = System.nanoTime();
    lifecycle.epochEnter("dl4j", net);
    long enter = System.nanoTime() - t;
    iterations.addAndGet(4);
    cpu.advance(cpuJoules);
    gpu.advance(gpuJoules);
    t = System.nanoTime();
    lifecycle.epochExit(net, null);
    long exit = System.nanoTime() - t;
    return TimeUnit.NANOSECONDS.toMillis(Math.max(enter, exit));
  }

  @Test
  void aFarJumpInOneEpochIsNotChargedToItAndTheNextEpochsAreExact() {
    Object net = new Object();
    lifecycle.runEnter("dl4j", net, 3);
    epoch(net, 1, 100);
    gpu.shift(5e6);
    epoch(net, 1, 100);
    epoch(net, 1, 100);
    lifecycle.runExit(net, null, null);

    List<EpochRecord> epochs = sink.epochs;
    assertThat(epochs).hasSize(3);
    assertThat(epochs.get(0).energy().processJoules(1)).isEqualTo(100.0);
    assertThat(epochs.get(0).energy().methodReason()).isNull();
    assertThat(epochs.get(1).energy().processJoules(1)).isLessThanOrEqualTo(100.0);
    assertThat(epochs.get(1).energy().method()).isEqualTo(EnergyMethod.ESTIMATED);
    assertThat(epochs.get(1).energy().methodReason())
        .isEqualTo("probe nvml gpu:GPU-1 jumped ahead");
    double total = 0;
    for (EpochRecord e : epochs) {
      total += e.energy().processJoules(1);
    }
    assertThat(total).as("never more than was drawn").isLessThanOrEqualTo(300.0);
    RunEnd end = sink.ends.get(0);
    assertThat(end.betweenEpochs().processTotal()).isLessThan(1.0);
  }

  @Test
  void aHungProbeNeverHoldsTheTrainingThreadAndItsEpochsAreLabelled() {
    Object net = new Object();
    lifecycle.runEnter("dl4j", net, 20);
    epoch(net, 2, 50);
    gpu.hangs();
    long worst = 0;
    long started = System.nanoTime();
    int epochs = 1;
    // long enough for the read to be abandoned, and some epochs after it
    while (System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(1_400)) {
      worst = Math.max(worst, epoch(net, 2, 50));
      epochs++;
      sleep(40);
    }
    lifecycle.runExit(net, null, null);

    assertThat(worst).isLessThan(EnergyMeter.READ_WAIT.toMillis() + SCHEDULING_MARGIN_MS);
    assertThat(sink.epochs).hasSize(epochs);
    EpochRecord first = sink.epochs.get(0);
    assertThat(first.energy().processJoules(1)).isEqualTo(50.0);
    assertThat(first.energy().method()).isEqualTo(EnergyMethod.MEASURED);
    double gpuCharged = 0;
    double cpuCharged = 0;
    for (EpochRecord e : sink.epochs.subList(1, epochs)) {
      gpuCharged += e.energy().processJoules(1);
      cpuCharged += e.energy().processJoules(0);
      assertThat(e.energy().method()).isEqualTo(EnergyMethod.ESTIMATED);
      assertThat(e.energy().methodReason()).startsWith("probe nvml read");
    }
    assertThat(gpuCharged).as("the hung GPU is never charged after it stopped answering").isZero();
    assertThat(cpuCharged).isLessThanOrEqualTo(2.0 * (epochs - 1));
    assertThat(sink.epochs.get(epochs - 1).energy().methodReason())
        .isEqualTo("probe nvml read hung");
    assertThat(sink.epochs.get(epochs - 1).energy().processJoules(0)).isEqualTo(2.0);
    assertThat(problems).filteredOn(p -> p.startsWith("probe nvml read hung")).hasSize(1);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
