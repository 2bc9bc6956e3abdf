package dev.jouletrace.agent.internal.meter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.EnergyWindow;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.EnergyProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnergyMeterTest {

  @Test
  void energyBetweenReadingsIsTheCounterDifferencePerDomain() {
    ScriptedProbe cpu = new ScriptedProbe("cpu:package-0", EnergyMethod.MEASURED, 0.25);
    ScriptedProbe gpu = new ScriptedProbe("gpu:GPU-1", EnergyMethod.INTEGRATED, 1.0);
    EnergyMeter meter = new EnergyMeter(List.of(cpu, gpu));
    cpu.advance(10);
    MeterReading a = meter.read();
    cpu.advance(40);
    gpu.advance(7.5);
    MeterReading b = meter.read();

    EnergyWindow e = meter.window(a, b);

    assertThat(e.domains())
        .extracting(EnergyDomain::id)
        .containsExactly("cpu:package-0", "gpu:GPU-1");
    assertThat(e.deviceJoules(0)).isEqualTo(40.0);
    assertThat(e.processJoules(0)).isEqualTo(10.0);
    assertThat(e.domain(0).method()).isEqualTo(EnergyMethod.MEASURED);
    assertThat(e.deviceJoules(1)).isEqualTo(7.5);
    assertThat(e.processJoules(1)).isEqualTo(7.5);
    assertThat(e.domain(1).method()).isEqualTo(EnergyMethod.INTEGRATED);
    assertThat(e.method()).isEqualTo(EnergyMethod.INTEGRATED);
  }

  @Test
  void probesThatCannotHangAreReadOnTheCallersThreadAndTheOthersOnTheMeters() {
    List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    ScriptedProbe sysfs =
        new ScriptedProbe("cpu:package-0", EnergyMethod.MEASURED, 1.0) {
          @Override
          public boolean readMayHang() {
            return false;
          }

          @Override
          public void read(double[] device, double[] process) {
            threads.add(Thread.currentThread().getName());
            super.read(device, process);
          }
        };
    try (EnergyMeter inline = new EnergyMeter(List.of(sysfs))) {
      inline.read();
    }
    ScriptedProbe nativeCall =
        new ScriptedProbe("gpu:GPU-1", EnergyMethod.MEASURED, 1.0) {
          @Override
          public void read(double[] device, double[] process) {
            threads.add(Thread.currentThread().getName());
            super.read(device, process);
          }
        };
    try (EnergyMeter handedOff = new EnergyMeter(List.of(nativeCall))) {
      handedOff.read();
    }
    assertThat(threads)
        .containsExactly(Thread.currentThread().getName(), "jouletrace-probe-reader-1");
  }

  @Test
  void refreshReadsOnlyWhenTheLatestReadingIsOldEnough() {
    ScriptedProbe cpu = new ScriptedProbe("cpu:package-0", EnergyMethod.MEASURED, 0.5);
    EnergyMeter meter = new EnergyMeter(List.of(cpu));
    Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
    assertThat(meter.latest()).isNull();

    meter.refresh(t0, Duration.ofSeconds(1));
    cpu.advance(20);
    meter.refresh(t0.plusMillis(500), Duration.ofSeconds(1));
    assertThat(meter.latest().time()).isEqualTo(t0);
    assertThat(meter.latest().deviceJoules(0)).isZero();

    meter.refresh(t0.plusSeconds(1), Duration.ofSeconds(1));
    assertThat(meter.latest().time()).isEqualTo(t0.plusSeconds(1));
    assertThat(meter.latest().deviceJoules(0)).isEqualTo(20.0);
    assertThat(meter.latest().processJoules(0)).isEqualTo(10.0);
  }

  @Test
  void aReadThatFailsOrGivesNoCounterValueKeepsTheLastGoodValue() {
    ScriptedProbe cpu = new ScriptedProbe("cpu:package-0", EnergyMethod.MEASURED, 1.0);
    double[] faults = {Double.NaN, -5, Double.POSITIVE_INFINITY, 1.0};
    int[] call = {0};
    EnergyProbe faulty =
        new EnergyProbe() {
          @Override
          public String name() {
            return "faulty";
          }

          @Override
          public List<EnergyDomain> domains() {
            return cpu.domains();
          }

          @Override
          public void read(double[] device, double[] process) {
            cpu.read(device, process);
            int n = call[0]++;
            if (n == 1) {
              throw new IllegalStateException("broken");
            }
            if (n >= 2 && n - 2 < faults.length) {
              device[0] = faults[n - 2];
              process[0] = faults[n - 2];
            }
          }

          @Override
          public void sample() {}

          @Override
          public java.time.Duration maxSamplePeriod() {
            return java.time.Duration.ofSeconds(1);
          }

          @Override
          public void close() {}
        };
    EnergyMeter meter = new EnergyMeter(List.of(faulty));
    cpu.advance(100);
    MeterReading good = meter.read();
    MeterReading previous = good;
    for (int i = 0; i < 5; i++) {
      // throws, then NaN, negative, infinite, and a value below the last one
      cpu.advance(10);
      MeterReading next = meter.read();
      assertThat(meter.window(previous, next).deviceJoules(0)).as("window %d", i).isZero();
      previous = next;
    }
    cpu.advance(10);
    MeterReading recovered = meter.read();
    // what the counter gathered while it could not be read goes to the window with good ends
    assertThat(meter.window(previous, recovered).deviceJoules(0)).isEqualTo(60.0);
    assertThat(meter.window(good, recovered).deviceJoules(0)).isEqualTo(60.0);
  }

  @Test
  void epochEnergiesAddUpToTheWholeCounterDeltaExactly() {
    ScriptedProbe cpu = new ScriptedProbe("cpu:package-0", EnergyMethod.MEASURED, 1.0);
    EnergyMeter meter = new EnergyMeter(List.of(cpu));
    MeterReading first = meter.read();
    MeterReading previous = first;
    double sum = 0;
    double[] steps = {0.125, 3.5, 512.25, 0.0625, 77.0};
    for (double step : steps) {
      cpu.advance(step);
      MeterReading next = meter.read();
      sum += meter.window(previous, next).deviceJoules(0);
      previous = next;
    }
    assertThat(sum).isEqualTo(meter.window(first, previous).deviceJoules(0));
    assertThat(sum).isEqualTo(592.9375);
  }
}
