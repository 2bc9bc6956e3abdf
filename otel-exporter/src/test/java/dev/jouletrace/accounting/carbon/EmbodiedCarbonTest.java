package dev.jouletrace.accounting.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbodiedCarbonTest {
  private static final double FOUR_YEARS_S = 4 * 365.25 * 86_400; // 126,230,400 s
  private final EmbodiedCarbon embodied = new EmbodiedCarbon(EmbodiedSettings.defaults());

  @Test
  void amortisesKilogramsOverTheLifetime() {
    assertThat(EmbodiedCarbon.grams(575, 3600, FOUR_YEARS_S))
        .isCloseTo(16.39858544375998, within(1e-12));
  }

  @Test
  void picksTheGpuFamilyFromTheDeviceName() {
    assertThat(EmbodiedFootprint.ofGpu("NVIDIA H100 80GB HBM3").kgCo2e()).isEqualTo(575.0);
    assertThat(EmbodiedFootprint.ofGpu("NVIDIA A100-SXM4-40GB").kgCo2e()).isEqualTo(273.0);
    assertThat(EmbodiedFootprint.ofGpu("Tesla T4").kgCo2e()).isEqualTo(150.0);
  }

  @Test
  void countsEachGpuAndTheServerOnce() {
    EmbodiedEstimate estimate =
        embodied.over(
            Duration.ofHours(1),
            List.of(
                DeviceDescriptor.fromDomain("gpu:GPU-1", "NVIDIA H100 80GB HBM3"),
                DeviceDescriptor.fromDomain("gpu:GPU-2", "Tesla T4").withShare(0.5),
                DeviceDescriptor.fromDomain("cpu:package-0", "Xeon"),
                DeviceDescriptor.fromDomain("cpu:package-1", "Xeon")));

    assertThat(estimate.lines())
        .extracting(EmbodiedEstimate.Line::deviceId)
        .containsExactly("gpu:GPU-1", "gpu:GPU-2", "server");
    assertThat(estimate.lines().get(0).grams()).isCloseTo(16.39858544375998, within(1e-12));
    assertThat(estimate.lines().get(1).grams()).isCloseTo(2.138945927446954, within(1e-12));
    assertThat(estimate.lines().get(2).grams()).isCloseTo(25.66735112936345, within(1e-12));
    assertThat(estimate.grams())
        .isCloseTo(16.39858544375998 + 2.138945927446954 + 25.66735112936345, within(1e-12));
  }

  @Test
  void settingsChangeLifetimeServerFootprintAndShare() {
    EmbodiedCarbon custom =
        new EmbodiedCarbon(
            EmbodiedSettings.builder().lifetimeYears(6).serverKg(2500).serverShare(0.25).build());

    EmbodiedEstimate estimate =
        custom.over(
            Duration.ofDays(1), List.of(DeviceDescriptor.gpu("gpu:0", "A100").withCount(8)));

    double life = 6 * 365.25 * 86_400;
    assertThat(estimate.grams())
        .isCloseTo((8 * 273_000.0 + 0.25 * 2_500_000.0) * 86_400 / life, within(1e-9));
  }

  @Test
  void nothingUsedNothingEmbodied() {
    assertThat(embodied.over(Duration.ofHours(1), List.of()).grams()).isZero();
  }
}
