package dev.jouletrace.agent.internal.meter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.EnergyWindow;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
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
  void epochEnergiesAddUpToTheWholeCounterDeltaExactly() {
    ScriptedProbe cpu = new ScriptedProbe("cpu:package-0", EnergyMethod.MEASURED, 1.0);
    EnergyMeter meter = new EnergyMeter(List.of(cpu));
    MeterReading first = meter.read();
    MeterReading previous = first;
    double sum = 0;
    double[] steps = {0.125, 3.5, 1024.25, 0.0625, 77.0};
    for (double step : steps) {
      cpu.advance(step);
      MeterReading next = meter.read();
      sum += meter.window(previous, next).deviceJoules(0);
      previous = next;
    }
    assertThat(sum).isEqualTo(meter.window(first, previous).deviceJoules(0));
    assertThat(sum).isEqualTo(1104.9375);
  }
}
