package dev.jouletrace.agent.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.EnergyWindow;
import dev.jouletrace.accounting.EpochAccount;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.RunEnd;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.RunStart;
import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.accounting.carbon.CarbonModel;
import dev.jouletrace.accounting.carbon.CarbonSettings;
import dev.jouletrace.accounting.forecast.RunForecaster;
import dev.jouletrace.export.RunListener;
import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExportPipelineTest {
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
  private static final List<EnergyDomain> DOMAINS =
      List.of(EnergyDomain.of("cpu:0", DomainKind.CPU, "cpu", EnergyMethod.MEASURED, "r"));

  /** Records what reaches it; can hold the export thread at the first epoch. */
  private static final class Listener implements RunListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final CountDownLatch holding = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile RunLedger finished;
    volatile boolean closed;
    boolean hold;

    @Override
    public void runStarted(RunLedger run) {
      events.add("start " + run.number());
    }

    @Override
    public void epochFinished(RunLedger run, EpochAccount epoch) {
      events.add("epoch " + run.number() + "." + epoch.record().index());
      if (hold) {
        hold = false;
        holding.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public void runFinished(RunLedger run) {
      events.add("end " + run.number() + " " + run.status().label());
      finished = run;
    }

    @Override
    public void close(long deadlineNanos) {
      closed = true;
    }
  }

  private static ExportPipeline pipeline(Listener listener) {
    CarbonModel carbon = CarbonModel.resolve(CarbonSettings.builder().build(), w -> {});
    return new ExportPipeline(
        new EpochAccounting(carbon, DOMAINS), RunForecaster.defaults(), List.of(listener));
  }

  private static EpochRecord epoch(int run, int index) {
    return EpochRecord.builder()
        .run(run, "custom")
        .index(index)
        .window(T0.plusMillis(index), T0.plusMillis(index + 1))
        .energy(EnergyWindow.of(DOMAINS, new double[] {1}, new double[] {1}))
        .build();
  }

  private static long inFiveSeconds() {
    return System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
  }

  @Test
  void eventsReachTheOutputsInOrderAndCloseWaitsForThem() {
    Listener listener = new Listener();
    ExportPipeline pipeline = pipeline(listener);
    pipeline.runStarted(new RunStart(1, "custom", T0, 2, false, false));
    pipeline.epochMeasured(epoch(1, 0));
    pipeline.epochMeasured(epoch(1, 1));
    pipeline.runEnded(new RunEnd(1, RunStatus.COMPLETED, T0.plusSeconds(1), null));

    assertThat(pipeline.close(inFiveSeconds())).isTrue();

    assertThat(listener.events)
        .containsExactly("start 1", "epoch 1.0", "epoch 1.1", "end 1 completed");
    assertThat(listener.closed).isTrue();
    assertThat(listener.finished.epochs()).isEqualTo(2);
  }

  @Test
  void aFullQueueDropsEpochsWithoutBlockingAndCountsThemInTheirRun() throws Exception {
    Listener listener = new Listener();
    listener.hold = true;
    ExportPipeline pipeline = pipeline(listener);
    pipeline.runStarted(new RunStart(1, "custom", T0, -1, true, false));
    pipeline.epochMeasured(epoch(1, 0));
    assertThat(listener.holding.await(10, TimeUnit.SECONDS)).isTrue();

    int offered = ExportPipeline.CAPACITY + 100;
    for (int i = 1; i <= offered; i++) {
      pipeline.epochMeasured(epoch(1, i));
    }
    pipeline.runEnded(new RunEnd(1, RunStatus.COMPLETED, T0.plusSeconds(1), null));
    listener.release.countDown();
    assertThat(pipeline.close(System.nanoTime() + TimeUnit.SECONDS.toNanos(30))).isTrue();

    assertThat(pipeline.epochsDropped()).isEqualTo(100);
    assertThat(listener.finished.epochsLost()).isEqualTo(100);
    assertThat(listener.finished.epochs()).isEqualTo(1 + ExportPipeline.CAPACITY);
    assertThat(listener.events).last().isEqualTo("end 1 completed");
  }

  @Test
  void closeReturnsAtItsDeadlineWhenAnOutputHangs() throws Exception {
    Listener listener = new Listener();
    listener.hold = true;
    ExportPipeline pipeline = pipeline(listener);
    pipeline.runStarted(new RunStart(1, "custom", T0, -1, true, false));
    pipeline.epochMeasured(epoch(1, 0));
    assertThat(listener.holding.await(10, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    assertThat(pipeline.close(start + TimeUnit.MILLISECONDS.toNanos(200))).isFalse();
    // generous: the bound is 200 ms, the check only that close does not wait for the output
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
    listener.release.countDown();
  }
}
