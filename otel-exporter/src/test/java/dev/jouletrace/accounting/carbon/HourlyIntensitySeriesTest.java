package dev.jouletrace.accounting.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HourlyIntensitySeriesTest {
  private static final Instant H0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant H1 = H0.plusSeconds(3600);
  private static final Instant H2 = H0.plusSeconds(7200);

  @TempDir Path dir;

  private Path file(String... lines) throws IOException {
    Path file = dir.resolve("series.csv");
    Files.write(file, Arrays.asList(lines));
    return file;
  }

  @Test
  void readsHeaderInstantsAndOffsets() throws IOException {
    HourlyIntensitySeries series =
        HourlyIntensitySeries.read(
            file("timestamp,g_per_kwh", "2024-01-01T00:00:00Z,50", "2024-01-01T02:00+01:00,150"));

    assertThat(series.energyWeightedMean(List.of(EnergySlice.of(H0, H2, 0))))
        .hasValue(100.0); // two half-overlaps of equal length
    assertThat(series.name()).isEqualTo("series.csv");
  }

  @Test
  void hoursMissingFromTheSeriesDropOut() {
    HourlyIntensitySeries series = HourlyIntensitySeries.of("s", Map.of(H0, 80.0));

    assertThat(series.energyWeightedMean(List.of(EnergySlice.of(H0, H2, 500)))).hasValue(80.0);
    assertThat(series.energyWeightedMean(List.of(EnergySlice.of(H1, H2, 500)))).isEmpty();
  }

  @Test
  void energyWeightsOutweighTime() {
    HourlyIntensitySeries series = HourlyIntensitySeries.of("s", Map.of(H0, 100.0, H1, 400.0));

    // 9 J in hour 0 and 1 J in hour 1 over equal times: (9·100 + 1·400) / 10 = 130.
    assertThat(
            series.energyWeightedMean(
                List.of(EnergySlice.of(H0, H1, 9), EnergySlice.of(H1, H2, 1))))
        .hasValue(130.0);
  }

  @Test
  void instantaneousSliceCountsInItsHour() {
    HourlyIntensitySeries series = HourlyIntensitySeries.of("s", Map.of(H0, 100.0, H1, 400.0));

    assertThat(
            series.energyWeightedMean(
                List.of(EnergySlice.of(H1, H1, 3), EnergySlice.of(H0, H1, 1))))
        .hasValue(325.0); // (3·400 + 1·100) / 4
  }

  @Test
  void rejectsMalformedRowsNamingTheLine() throws IOException {
    assertThatThrownBy(() -> HourlyIntensitySeries.read(file("2024-01-01T00:00:00Z,abc")))
        .hasMessageContaining("row 1");
    assertThatThrownBy(
            () ->
                HourlyIntensitySeries.read(
                    file("2024-01-01T00:00:00Z,1", "2024-01-01T00:00:00Z,2")))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> HourlyIntensitySeries.read(file("2024-01-01T00:00:00Z,-1")))
        .hasMessageContaining("outside");
    assertThatThrownBy(() -> HourlyIntensitySeries.read(file("yesterday,1")))
        .hasMessageContaining("ISO-8601");
    assertThatThrownBy(() -> HourlyIntensitySeries.read(file("timestamp,g_per_kwh")))
        .hasMessageContaining("no rows");
  }
}
