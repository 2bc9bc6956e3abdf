package dev.jouletrace.agent.internal.meter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.carbon.EnergySlice;
import dev.jouletrace.probe.EnergyMethod;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HourMarksTest {
  private final ScriptedProbe cpu = new ScriptedProbe("cpu:package-0", EnergyMethod.MEASURED, 0.5);
  private final EnergyMeter meter = new EnergyMeter(List.of(cpu));
  private final HourMarks marks = new HourMarks();

  private static Instant at(String time) {
    return Instant.parse("2026-11-22T" + time + "Z");
  }

  @Test
  void epochAcrossTwoHourBoundariesIsSplitByTheEnergyDrawnInEachHour() {
    marks.tick(meter, at("09:59:00"));
    MeterReading start = meter.readAt(at("09:59:30"));
    cpu.advance(100); // 50 J for this JVM before 10:00
    marks.tick(meter, at("10:00:00.500"));
    cpu.advance(300); // 150 J in the 10:00 hour
    marks.tick(meter, at("10:30:00"));
    marks.tick(meter, at("11:00:01"));
    cpu.advance(20); // 10 J after 11:00
    MeterReading end = meter.readAt(at("11:00:20"));

    // the epoch was charged 105 J after a share split: slices keep the proportions
    List<EnergySlice> slices = marks.slices(meter, start, end, 105.0);

    assertThat(slices)
        .extracting(EnergySlice::start)
        .containsExactly(at("09:59:30"), at("10:00:00.500"), at("11:00:01"));
    assertThat(slices)
        .extracting(EnergySlice::end)
        .containsExactly(at("10:00:00.500"), at("11:00:01"), at("11:00:20"));
    assertThat(slices).extracting(EnergySlice::energyJoules).containsExactly(25.0, 75.0, 5.0);
  }

  @Test
  void epochWithinOneHourIsOneSlice() {
    marks.tick(meter, at("10:05:00"));
    MeterReading start = meter.readAt(at("10:10:00"));
    cpu.advance(40);
    marks.tick(meter, at("10:20:00"));
    MeterReading end = meter.readAt(at("10:30:00"));
    assertThat(marks.slices(meter, start, end, 20.0))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.start()).isEqualTo(at("10:10:00"));
              assertThat(s.end()).isEqualTo(at("10:30:00"));
              assertThat(s.energyJoules()).isEqualTo(20.0);
            });
  }

  @Test
  void noMarkIsTakenUntilAnHourBegins() {
    cpu.advance(1);
    marks.tick(meter, at("10:00:00"));
    marks.tick(meter, at("10:59:59"));
    int readsBefore = cpu.reads;
    marks.tick(meter, at("11:00:00"));
    assertThat(cpu.reads).isEqualTo(readsBefore + 1);
    marks.tick(meter, at("11:00:01"));
    assertThat(cpu.reads).isEqualTo(readsBefore + 1);
  }
}
