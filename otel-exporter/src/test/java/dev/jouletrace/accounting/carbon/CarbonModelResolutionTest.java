package dev.jouletrace.accounting.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarbonModelResolutionTest {
  private static final Instant T10 = Instant.parse("2024-03-01T10:00:00Z");
  private static final Instant T1030 = Instant.parse("2024-03-01T10:30:00Z");
  private static final Instant T11 = Instant.parse("2024-03-01T11:00:00Z");
  private static final Instant T1130 = Instant.parse("2024-03-01T11:30:00Z");

  @TempDir Path dir;
  private final List<String> warnings = new ArrayList<>();

  private CarbonModel resolve(CarbonSettings.Builder settings) {
    return CarbonModel.resolve(settings.build(), warnings::add);
  }

  private Path series(String... lines) throws IOException {
    Path file = dir.resolve("grid.csv");
    Files.write(file, Arrays.asList(lines));
    return file;
  }

  @Test
  void explicitValueWinsOverEverything() throws IOException {
    CarbonModel model =
        resolve(
            CarbonSettings.builder()
                .explicitIntensity(123.0)
                .intensityFile(series("timestamp,g_per_kwh", "2024-03-01T10:00:00Z,999"))
                .cloudProvider("gcp")
                .cloudRegion("europe-west9")
                .country("PL"));

    CarbonIntensity intensity = model.intensityOver(T10, T11);
    assertThat(intensity.gramsPerKwh()).isEqualTo(123.0);
    assertThat(intensity.level()).isEqualTo(IntensityLevel.EXPLICIT);
    assertThat(intensity.year()).isEqualTo(2024);
    assertThat(warnings).isEmpty();
  }

  @Test
  void timeSeriesIsTimeWeightedAcrossAnHourBoundaryWhenOnlyTotalEnergyIsKnown() throws IOException {
    CarbonModel model =
        resolve(
            CarbonSettings.builder()
                .intensityFile(
                    series(
                        "timestamp,g_per_kwh",
                        "2024-03-01T10:00:00Z,100",
                        "2024-03-01T11:00:00Z,300"))
                .country("FR"));

    CarbonIntensity intensity = model.intensityOver(T1030, T1130);
    assertThat(intensity.gramsPerKwh()).isEqualTo(200.0);
    assertThat(intensity.level()).isEqualTo(IntensityLevel.TIMESERIES);
    assertThat(intensity.zone()).isEqualTo("timeseries:grid.csv");
  }

  @Test
  void timeSeriesIsEnergyWeightedWhenEnergyPerSliceIsKnown() throws IOException {
    CarbonModel model =
        resolve(
            CarbonSettings.builder()
                .intensityFile(
                    series("2024-03-01T10:00:00Z,100", "2024-03-01T12:00:00+01:00,300")));

    // 1000 J at 100 g/kWh and 3000 J at 300 g/kWh: (1000·100 + 3000·300) / 4000 = 250.
    CarbonIntensity intensity =
        model.intensityOver(
            Arrays.asList(EnergySlice.of(T1030, T11, 1000), EnergySlice.of(T11, T1130, 3000)));
    assertThat(intensity.gramsPerKwh()).isEqualTo(250.0);
  }

  @Test
  void sliceAcrossTheBoundarySplitsItsEnergyByTimeOverlap() throws IOException {
    CarbonModel model =
        resolve(
            CarbonSettings.builder()
                .intensityFile(series("2024-03-01T10:00:00Z,100", "2024-03-01T11:00:00Z,300")));

    // 10:45–11:30 with 3000 J: 1000 J in hour 10, 2000 J in hour 11 → (100 + 600) / 3 = 233.33…
    CarbonIntensity intensity =
        model.intensityOver(
            Arrays.asList(EnergySlice.of(Instant.parse("2024-03-01T10:45:00Z"), T1130, 3000)));
    assertThat(intensity.gramsPerKwh()).isCloseTo(700.0 / 3.0, within(1e-9));
  }

  @Test
  void epochOutsideTheSeriesFallsBackToTheLocationWithOneWarning() throws IOException {
    CarbonModel model =
        resolve(
            CarbonSettings.builder()
                .intensityFile(series("2024-03-01T10:00:00Z,100"))
                .country("FR"));

    Instant later = Instant.parse("2024-06-01T00:00:00Z");
    CarbonIntensity first = model.intensityOver(later, later.plusSeconds(600));
    model.intensityOver(later.plusSeconds(600), later.plusSeconds(1200));

    assertThat(first.level()).isEqualTo(IntensityLevel.COUNTRY);
    assertThat(first.zone()).isEqualTo("FR");
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("grid.csv").contains("does not cover");
  }

  @Test
  void unreadableFileGivesAWarningAndTheNextLevel() throws IOException {
    CarbonModel missing =
        resolve(CarbonSettings.builder().intensityFile(dir.resolve("nope.csv")).country("DE"));
    CarbonModel malformed =
        resolve(
            CarbonSettings.builder()
                .intensityFile(series("2024-03-01T10:30:00Z,100"))
                .country("DE"));

    assertThat(missing.intensityOver(T10, T11).zone()).isEqualTo("DE");
    assertThat(malformed.intensityOver(T10, T11).zone()).isEqualTo("DE");
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(1)).contains("not on an hour boundary");
  }

  @Test
  void gcpRegionUsesGooglesPublishedFigure() {
    CarbonModel model =
        resolve(CarbonSettings.builder().cloudProvider("gcp").cloudRegion("europe-west9"));

    CarbonIntensity intensity = model.locationIntensity();
    assertThat(intensity.gramsPerKwh()).isEqualTo(16.30);
    assertThat(intensity.year()).isEqualTo(2024);
    assertThat(intensity.level()).isEqualTo(IntensityLevel.CLOUD_REGION);
    assertThat(intensity.zone()).isEqualTo("gcp:europe-west9");
    assertThat(intensity.source()).contains("Google region-carbon-info");
  }

  @Test
  void awsRegionTakesItsGridZoneFigure() {
    CarbonModel model =
        resolve(CarbonSettings.builder().cloudProvider("AWS").cloudRegion("eu-north-1"));

    CarbonIntensity intensity = model.locationIntensity();
    GridZone se3 = IntensityDataset.embedded().zone("SE-SE3").orElseThrow();
    assertThat(intensity.gramsPerKwh()).isEqualTo(se3.gramsPerKwh());
    assertThat(intensity.zone()).isEqualTo("aws:eu-north-1");
    assertThat(intensity.source()).contains("grid zone SE-SE3");
    assertThat(model.pue().value()).isEqualTo(1.135);
  }

  @Test
  void azureDisplayNameIsNormalisedAndTheProviderInferredFromTheRegion() {
    CarbonModel model = resolve(CarbonSettings.builder().cloudRegion("West Europe"));
    CarbonModel inferred = resolve(CarbonSettings.builder().cloudRegion("westeurope"));

    assertThat(model.locationIntensity().zone()).isEqualTo("azure:westeurope");
    assertThat(inferred.locationIntensity().zone()).isEqualTo("azure:westeurope");
    assertThat(inferred.pue().value()).isEqualTo(1.185);
    assertThat(warnings).isEmpty();
  }

  @Test
  void regionFromTheEnvironmentIsUsedWhenNothingIsConfigured() {
    CarbonModel model =
        resolve(CarbonSettings.builder().environment(Map.of("AWS_REGION", "eu-west-3")));

    assertThat(model.locationIntensity().zone()).isEqualTo("aws:eu-west-3");
    assertThat(model.locationIntensity().gramsPerKwh())
        .isEqualTo(IntensityDataset.embedded().zone("FR").orElseThrow().gramsPerKwh());
  }

  @Test
  void configuredCountryBeatsARegionFoundOnlyInTheEnvironment() {
    CarbonModel model =
        resolve(
            CarbonSettings.builder()
                .country("PL")
                .environment(Map.of("AWS_DEFAULT_REGION", "eu-west-3")));

    assertThat(model.locationIntensity().zone()).isEqualTo("PL");
    assertThat(model.pue().value()).isEqualTo(1.135); // still running on AWS
  }

  @Test
  void azureRegionNameVariableIsReadOnlyWhenAzureIsConfigured() {
    Map<String, String> env = Map.of("REGION_NAME", "Sweden Central");
    CarbonModel configured =
        resolve(CarbonSettings.builder().cloudProvider("azure").environment(env));
    CarbonModel unconfigured = resolve(CarbonSettings.builder().environment(env));

    assertThat(configured.locationIntensity().zone()).isEqualTo("azure:swedencentral");
    assertThat(unconfigured.locationIntensity().level()).isEqualTo(IntensityLevel.WORLD);
  }

  @Test
  void countryWithGridRegion() {
    CarbonIntensity intensity =
        resolve(CarbonSettings.builder().country("se-se3")).locationIntensity();

    assertThat(intensity.zone()).isEqualTo("SE-SE3");
    assertThat(intensity.level()).isEqualTo(IntensityLevel.SUBNATIONAL);
    assertThat(intensity.gramsPerKwh()).isEqualTo(21.0);
  }

  @Test
  void usStateAliasResolvesToItsBalancingAuthority() {
    CarbonIntensity intensity =
        resolve(CarbonSettings.builder().country("US-NY")).locationIntensity();

    assertThat(intensity.zone()).isEqualTo("US-NY-NYIS");
    assertThat(intensity.level()).isEqualTo(IntensityLevel.SUBNATIONAL);
  }

  @Test
  void countryAlone() {
    CarbonIntensity intensity = resolve(CarbonSettings.builder().country("FR")).locationIntensity();

    assertThat(intensity.gramsPerKwh()).isEqualTo(56.0);
    assertThat(intensity.year()).isEqualTo(2023);
    assertThat(intensity.level()).isEqualTo(IntensityLevel.COUNTRY);
  }

  @Test
  void worldAverageWhenNothingIsKnown() {
    CarbonModel model = resolve(CarbonSettings.builder());

    assertThat(model.locationIntensity().gramsPerKwh()).isEqualTo(481.0);
    assertThat(model.locationIntensity().level()).isEqualTo(IntensityLevel.WORLD);
    assertThat(model.pue()).isEqualTo(Pue.INDUSTRY_AVERAGE);
    assertThat(warnings).isEmpty();
  }

  @Test
  void unknownCountryGivesOneWarningWithCloseMatchesAndTheWorldAverage() {
    CarbonModel model = resolve(CarbonSettings.builder().country("FRA"));

    assertThat(model.locationIntensity().level()).isEqualTo(IntensityLevel.WORLD);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("'FRA'").contains("FR").contains("world");
  }

  @Test
  void unknownGridRegionFallsBackToTheCountryWithSuggestionsFromThatCountry() {
    CarbonModel model = resolve(CarbonSettings.builder().country("SE-3"));

    assertThat(model.locationIntensity().zone()).isEqualTo("SE");
    assertThat(model.locationIntensity().level()).isEqualTo(IntensityLevel.COUNTRY);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("SE-SE3").doesNotContain("NO-NO3");
  }

  @Test
  void unknownCloudRegionWarnsWithCloseMatchesAndUsesTheCountry() {
    CarbonModel model =
        resolve(
            CarbonSettings.builder().cloudProvider("aws").cloudRegion("eu-west-9").country("IE"));

    assertThat(model.locationIntensity().zone()).isEqualTo("IE");
    assertThat(model.pue().value()).isEqualTo(1.135);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("eu-west-9").contains("eu-west-1").contains("IE, country");
  }

  @Test
  void unknownProviderWarnsOnceAndIgnoresTheCloudSettings() {
    CarbonModel model =
        resolve(CarbonSettings.builder().cloudProvider("gpc").cloudRegion("us-central1"));

    assertThat(model.locationIntensity().level()).isEqualTo(IntensityLevel.WORLD);
    assertThat(model.pue()).isEqualTo(Pue.INDUSTRY_AVERAGE);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("'gpc'").contains("gcp");
  }

  @Test
  void pueOrderIsExplicitThenProviderThenIndustryAverage() {
    assertThat(resolve(CarbonSettings.builder().pue(1.3).cloudProvider("gcp")).pue().value())
        .isEqualTo(1.3);
    assertThat(resolve(CarbonSettings.builder().cloudProvider("gcp")).pue().value())
        .isEqualTo(1.10);
    assertThat(resolve(CarbonSettings.builder().country("FR")).pue().value()).isEqualTo(1.56);
    assertThat(warnings).isEmpty();
  }

  @Test
  void invalidExplicitValuesAreIgnoredWithAWarning() {
    CarbonModel model = resolve(CarbonSettings.builder().explicitIntensity(-5.0).pue(0.8));

    assertThat(model.intensityOver(T10, T11).level()).isEqualTo(IntensityLevel.WORLD);
    assertThat(model.pue()).isEqualTo(Pue.INDUSTRY_AVERAGE);
    assertThat(warnings).hasSize(2);
  }

  @Test
  void accountAddsOperationalAndEmbodied() {
    CarbonModel model = resolve(CarbonSettings.builder().explicitIntensity(100.0).pue(1.5));

    EpochCarbon epoch =
        model.account(
            3_600_000,
            T10,
            T11,
            List.of(DeviceDescriptor.fromDomain("gpu:0", "NVIDIA H100 80GB HBM3")));

    assertThat(epoch.operationalGrams()).isEqualTo(150.0); // 1 kWh × 100 g/kWh × 1.5
    double lifetime = 4 * 365.25 * 86_400;
    assertThat(epoch.embodiedGrams())
        .isCloseTo((575_000.0 + 900_000.0) * 3600 / lifetime, within(1e-9));
    assertThat(epoch.totalGrams()).isEqualTo(epoch.operationalGrams() + epoch.embodiedGrams());
  }

  @Test
  void regionUnknownToEveryProviderWarnsWithMatchesAcrossProviders() {
    CarbonModel model = resolve(CarbonSettings.builder().cloudRegion("us-centrall"));

    assertThat(model.locationIntensity().level()).isEqualTo(IntensityLevel.WORLD);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("us-central1").contains("jouletrace.cloud.provider");
  }
}
