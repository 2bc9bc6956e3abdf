package dev.jouletrace.export.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PowerSeriesTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void eachReadingClosesAnIntervalOfMeanPower() {
    PowerSeries s = new PowerSeries(List.of("cpu", "gpu"), 8);
    s.add(T0, new double[] {100, 1000});
    s.add(T0.plusSeconds(2), new double[] {160, 1400});
    s.add(T0.plusSeconds(3), new double[] {190, 1500});
    PowerTrace t = s.trace();
    assertThat(t.domainIds()).containsExactly("cpu", "gpu");
    assertThat(t.intervals()).hasSize(2);
    assertThat(t.intervals().get(0).watts).containsExactly(30, 200);
    assertThat(t.intervals().get(1).watts).containsExactly(30, 100);
    assertThat(t.intervals().get(1).startMillis).isEqualTo(T0.plusSeconds(2).toEpochMilli());
  }

  @Test
  void aLongSeriesStaysBoundedAndKeepsItsEnergy() {
    PowerSeries s = new PowerSeries(List.of("cpu"), 8);
    double joules = 0;
    s.add(T0, new double[] {0});
    for (int i = 1; i <= 1000; i++) {
      joules += i % 2 == 0 ? 10 : 30; // 10 W and 30 W seconds in turn
      s.add(T0.plusSeconds(i), new double[] {joules});
    }
    PowerTrace t = s.trace();
    assertThat(t.intervals().size()).isLessThanOrEqualTo(8).isGreaterThanOrEqualTo(4);
    double energy = 0;
    for (PowerTrace.Interval i : t.intervals()) {
      energy += i.watts[0] * (i.endMillis - i.startMillis) / 1e3;
    }
    assertThat(energy).isCloseTo(20_000, within(1e-6));
    assertThat(t.intervals().get(0).startMillis).isEqualTo(T0.toEpochMilli());
    assertThat(t.intervals().get(t.intervals().size() - 1).endMillis)
        .isEqualTo(T0.plusSeconds(1000).toEpochMilli());
  }

  @Test
  void aCounterThatWentDownAddsNothing() {
    PowerSeries s = new PowerSeries(List.of("cpu"), 8);
    s.add(T0, new double[] {500});
    s.add(T0.plusSeconds(1), new double[] {10});
    s.add(T0.plusSeconds(2), new double[] {30});
    assertThat(s.trace().intervals().get(0).watts).containsExactly(0);
    assertThat(s.trace().intervals().get(1).watts).containsExactly(20);
  }

  @Test
  void csvRoundTripsAndATornRowIsLeftOut() {
    PowerSeries s = new PowerSeries(List.of("cpu:package-0", "gpu:0"), 8);
    s.add(T0, new double[] {0, 0});
    s.add(T0.plusSeconds(1), new double[] {12.5, 100});
    String csv = s.trace().toCsv();
    assertThat(csv)
        .isEqualTo(
            "start,end,cpu:package-0_w,gpu:0_w\n"
                + "2026-11-22T10:00:00Z,2026-11-22T10:00:01Z,12.500,100.000\n");
    PowerTrace back = PowerTrace.parseCsv(csv + "2026-11-22T10:00:01Z,2026-11");
    assertThat(back.domainIds()).containsExactly("cpu:package-0", "gpu:0");
    assertThat(back.intervals()).hasSize(1);
    assertThat(back.intervals().get(0).watts).containsExactly(12.5, 100);
  }

  @Test
  void downsamplingAveragesOverTime() {
    PowerSeries s = new PowerSeries(List.of("cpu"), 16);
    s.add(T0, new double[] {0});
    s.add(T0.plusSeconds(1), new double[] {10});
    s.add(T0.plusSeconds(4), new double[] {100});
    s.add(T0.plusSeconds(5), new double[] {101});
    PowerTrace d = s.trace().downsample(2);
    assertThat(d.intervals()).hasSize(2);
    // 10 J in 1 s and 90 J in 3 s: 100 J over 4 s
    assertThat(d.intervals().get(0).watts[0]).isCloseTo(25, within(1e-9));
    assertThat(d.intervals().get(1).watts[0]).isCloseTo(1, within(1e-9));
    assertThat(
            s.trace()
                .within(T0.plusSeconds(4).toEpochMilli(), T0.plusSeconds(9).toEpochMilli())
                .intervals())
        .hasSize(1);
  }
}
