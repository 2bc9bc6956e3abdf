package dev.jouletrace.agent.internal.meter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.export.page.PowerSeries;
import dev.jouletrace.probe.EnergyMethod;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampledPowerTest {
  private final ScriptedProbe cpu = new ScriptedProbe("cpu:package-0", EnergyMethod.MEASURED, 0.5);
  private final EnergyMeter meter = new EnergyMeter(List.of(cpu));
  private final PowerSeries series = new PowerSeries(List.of("cpu:package-0"), 16);
  private final SampledPower power = new SampledPower(series);
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void eachTickGivesTheJvmsMeanPowerSinceTheLast() {
    power.tick(meter, T0);
    cpu.advance(80); // 40 J for this JVM
    power.tick(meter, T0.plusSeconds(2));
    assertThat(series.trace().toCsv())
        .isEqualTo("start,end,cpu:package-0_w\n2026-11-22T10:00:00Z,2026-11-22T10:00:02Z,20.000\n");
  }

  @Test
  void ticksCloserThanTheMinimumPeriodReadNothing() {
    power.tick(meter, T0);
    int reads = cpu.reads;
    power.tick(meter, T0.plusMillis(50));
    assertThat(cpu.reads).isEqualTo(reads);
    power.tick(meter, T0.plusMillis(100));
    assertThat(cpu.reads).isEqualTo(reads + 1);
  }
}
