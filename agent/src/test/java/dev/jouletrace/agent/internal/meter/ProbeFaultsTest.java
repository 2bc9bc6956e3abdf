package dev.jouletrace.agent.internal.meter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.EnergyWindow;
import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyMethod;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Probe faults at the meter (docs/PROBES.md §6): no window is charged energy its device did not
 * draw, a window a fault touched is labelled estimated with the reason, and a caller never waits on
 * a read longer than the meter's bound.
 */
class ProbeFaultsTest {
  /** What the bound allows beyond {@link EnergyMeter#READ_WAIT}: scheduling on a busy machine. */
  private static final long SCHEDULING_MARGIN_MS = 200;

  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final FaultyProbe cpu = new FaultyProbe("rapl", "cpu:package-0", DomainKind.CPU);
  private final FaultyProbe gpu = new FaultyProbe("nvml", "gpu:GPU-1", DomainKind.GPU);
  private final EnergyMeter meter = new EnergyMeter(List.of(cpu, gpu), problems::add);

  @AfterEach
  void releaseHungReads() {
    gpu.release();
    meter.close();
  }

  private static double gpuJoules(EnergyWindow w) {
    return w.processJoules(1);
  }

  @Test
  void aWindowWithGoodEndsAndNoFaultBetweenIsMeasuredWithoutReason() {
    MeterReading a = meter.read();
    cpu.advance(3);
    gpu.advance(40);
    MeterReading b = meter.read();

    EnergyWindow w = meter.window(a, b);
    assertThat(w.method()).isEqualTo(EnergyMethod.MEASURED);
    assertThat(w.methodReason()).isNull();
    assertThat(w.processTotal()).isEqualTo(43.0);
    assertThat(problems).isEmpty();
  }

  @Test
  void aFarJumpIsNotChargedAndACounterThatStaysShiftedIsCountedOnFromIt() {
    gpu.advance(100);
    MeterReading a = meter.read();
    gpu.advance(5);
    gpu.shift(1e6); // a million joules in microseconds: no board draws that
    MeterReading b = meter.read();
    gpu.advance(10);
    MeterReading c = meter.read();
    gpu.advance(20);
    MeterReading d = meter.read();

    EnergyWindow jumped = meter.window(a, b);
    assertThat(gpuJoules(jumped)).isZero();
    assertThat(jumped.method()).isEqualTo(EnergyMethod.ESTIMATED);
    assertThat(jumped.methodReason()).isEqualTo("probe nvml gpu:GPU-1 jumped ahead");
    // the shift is confirmed by a value that continues it: only what was drawn since is counted
    EnergyWindow after = meter.window(b, c);
    assertThat(gpuJoules(after)).isEqualTo(10.0);
    assertThat(after.methodReason()).isEqualTo("probe nvml gpu:GPU-1 jumped ahead");
    EnergyWindow clean = meter.window(c, d);
    assertThat(gpuJoules(clean)).isEqualTo(20.0);
    assertThat(clean.methodReason()).isNull();
    assertThat(gpuJoules(meter.window(a, d))).isLessThanOrEqualTo(35.0);
    assertThat(problems)
        .containsExactly(
            "probe nvml gpu:GPU-1 jumped ahead: the last good value is kept and nothing is"
                + " charged for it; the figures affected are labelled estimated with this"
                + " reason");
  }

  @Test
  void aSingleReadFarAheadIsAGlitchAndTheNextWindowGetsWhatWasDrawn() {
    MeterReading a = meter.read();
    gpu.advance(5);
    gpu.nextReads(4.0e9);
    MeterReading b = meter.read();
    gpu.advance(10);
    MeterReading c = meter.read();

    assertThat(gpuJoules(meter.window(a, b))).isZero();
    assertThat(gpuJoules(meter.window(b, c))).isEqualTo(15.0);
    assertThat(gpuJoules(meter.window(a, c))).isEqualTo(15.0);
  }

  @Test
  void aCounterThatRestartsLowerDropsOneIntervalAndCountsOn() {
    gpu.advance(500);
    MeterReading a = meter.read();
    gpu.advance(5);
    gpu.shift(-450);
    MeterReading b = meter.read();
    gpu.advance(10);
    MeterReading c = meter.read();

    assertThat(gpuJoules(meter.window(a, b))).isZero();
    assertThat(meter.window(a, b).methodReason()).isEqualTo("probe nvml gpu:GPU-1 went backwards");
    assertThat(gpuJoules(meter.window(b, c))).isEqualTo(10.0);
  }

  @Test
  void everyValueNoCounterCanHaveIsKeptOutAndSaidOncePerKind() {
    MeterReading previous = meter.read();
    double drawn = 0;
    for (int i = 0; i < 8; i++) {
      gpu.advance(1);
      drawn++;
      switch (i % 4) {
        case 0:
          gpu.nextThrows();
          break;
        case 1:
          gpu.nextReads(Double.NaN);
          break;
        case 2:
          gpu.nextReads(-1);
          break;
        default:
          gpu.nextReads(Double.POSITIVE_INFINITY);
          break;
      }
      MeterReading next = meter.read();
      assertThat(gpuJoules(meter.window(previous, next))).isZero();
      assertThat(meter.window(previous, next).method()).isEqualTo(EnergyMethod.ESTIMATED);
      previous = next;
    }
    gpu.advance(1);
    drawn++;
    MeterReading recovered = meter.read();
    assertThat(gpuJoules(meter.window(previous, recovered))).isEqualTo(drawn);
    assertThat(problems)
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).startsWith("probe nvml read failed:"))
        .anySatisfy(
            p -> assertThat(p).startsWith("probe nvml gpu:GPU-1 gave a value no counter can have"));
  }

  @Test
  void aHangingReadHoldsNoCallerPastTheBoundAndIsAbandonedWhileTheOtherProbesGoOn()
      throws InterruptedException {
    cpu.advance(1);
    gpu.advance(1);
    MeterReading a = meter.read();
    gpu.hangs();
    cpu.advance(10);
    gpu.advance(100);

    long bound = EnergyMeter.READ_WAIT.toMillis() + SCHEDULING_MARGIN_MS;
    long started = System.nanoTime();
    MeterReading late = meter.read();
    assertThat(elapsedMillis(started)).isLessThan(bound);
    EnergyWindow first = meter.window(a, late);
    assertThat(first.processTotal()).isZero();
    assertThat(first.methodReason()).isEqualTo("probe nvml read late");

    // while the read is stuck, callers do not wait at all
    long worst = 0;
    MeterReading previous = late;
    while (elapsedMillis(started) < TimeUnit.NANOSECONDS.toMillis(ProbeReader.HUNG_NANOS) + 100) {
      long t = System.nanoTime();
      previous = meter.read();
      worst = Math.max(worst, elapsedMillis(t));
      Thread.sleep(20);
    }
    assertThat(worst).isLessThan(bound);

    // past the hang bound the probe is abandoned, and a new reader reads the others
    MeterReading abandonedAt = meter.read();
    cpu.advance(7);
    gpu.advance(1000);
    started = System.nanoTime();
    MeterReading fresh = meter.read();
    assertThat(elapsedMillis(started)).isLessThan(bound);
    EnergyWindow after = meter.window(abandonedAt, fresh);
    assertThat(after.processJoules(0)).isEqualTo(7.0);
    assertThat(gpuJoules(after)).isZero(); // never read again: never charged
    assertThat(after.method()).isEqualTo(EnergyMethod.ESTIMATED);
    assertThat(after.methodReason()).isEqualTo("probe nvml read hung");
    assertThat(gpuJoules(meter.window(a, fresh))).isZero();
    // what the CPU drew while the read was stuck is charged once, after it
    assertThat(meter.window(a, fresh).processJoules(0)).isEqualTo(17.0);

    List<String> threads =
        Thread.getAllStackTraces().keySet().stream()
            .map(Thread::getName)
            .filter(n -> n.startsWith("jouletrace-probe-reader-"))
            .collect(Collectors.toList());
    assertThat(threads).contains("jouletrace-probe-reader-1"); // left behind in the read
    assertThat(problems.stream().filter(p -> p.startsWith("probe nvml read hung")).count())
        .isEqualTo(1);
    assertThat(problems).noneMatch(p -> p.startsWith("probe nvml read late")); // labelled only

    meter.close();
    assertThat(cpu.closed).isTrue();
    assertThat(gpu.closed).as("a probe stuck in a read is not closed").isFalse();
  }

  private static long elapsedMillis(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }
}
