package dev.jouletrace.agent.internal.meter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.DomainEnergy;
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

    List<DomainEnergy> e = meter.between(a, b);

    assertThat(e).extracting(DomainEnergy::domainId).containsExactly("cpu:package-0", "gpu:GPU-1");
    assertThat(e.get(0).deviceJoules()).isEqualTo(40.0);
    assertThat(e.get(0).processJoules()).isEqualTo(10.0);
    assertThat(e.get(0).method()).isEqualTo("measured");
    assertThat(e.get(1).deviceJoules()).isEqualTo(7.5);
    assertThat(e.get(1).processJoules()).isEqualTo(7.5);
    assertThat(e.get(1).method()).isEqualTo("integrated");
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
      sum += meter.between(previous, next).get(0).deviceJoules();
      previous = next;
    }
    assertThat(sum).isEqualTo(meter.between(first, previous).get(0).deviceJoules());
    assertThat(sum).isEqualTo(1104.9375);
  }
}
