package dev.jouletrace.accounting.carbon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntensityDatasetTest {
  private final IntensityDataset dataset = IntensityDataset.embedded();

  @Test
  void everyRowHasASourceAYearAndAPhysicalIntensity() {
    for (GridZone zone : dataset.zones()) {
      assertThat(zone.source()).as(zone.code()).isNotBlank();
      assertThat(zone.year()).as(zone.code()).isBetween(2015, 2025);
      assertThat(zone.gramsPerKwh()).as(zone.code()).isBetween(0.0, 1200.0);
    }
    for (CloudRegion region : dataset.cloudRegions()) {
      region
          .publishedGramsPerKwh()
          .ifPresent(g -> assertThat(g).as(region.zoneLabel()).isBetween(0.0, 1200.0));
    }
  }

  @Test
  void zonesAreUniqueAndWellFormed() {
    Set<String> codes = new HashSet<>();
    for (GridZone zone : dataset.zones()) {
      assertThat(codes.add(zone.code())).as(zone.code()).isTrue();
      if (zone.level() == IntensityLevel.COUNTRY) {
        assertThat(zone.code()).matches("[A-Z]{2}");
      } else if (zone.level() == IntensityLevel.SUBNATIONAL) {
        assertThat(zone.code()).matches("[A-Z]{2}-[A-Z0-9-]+");
        assertThat(dataset.zone(zone.country())).as(zone.code() + " country row").isPresent();
      } else {
        assertThat(zone.level()).isEqualTo(IntensityLevel.WORLD);
      }
    }
    assertThat(dataset.world().gramsPerKwh()).isEqualTo(481.0);
  }

  @Test
  void coversTheMajorEconomiesAndTheNordicZones() {
    long countries =
        dataset.zones().stream().filter(z -> z.level() == IntensityLevel.COUNTRY).count();
    assertThat(countries).isGreaterThanOrEqualTo(60);
    for (String code :
        List.of(
            "US", "CN", "IN", "JP", "DE", "GB", "FR", "IT", "BR", "CA", "KR", "AU", "ES", "MX",
            "ID", "NL", "SA", "TR", "CH", "PL", "SE", "BE", "IE", "SG", "TW", "ZA", "IL", "AE",
            "SE-SE1", "SE-SE2", "SE-SE3", "SE-SE4", "NO-NO1", "NO-NO2", "NO-NO3", "NO-NO4",
            "NO-NO5", "DK-DK1", "DK-DK2", "FI", "CA-QC", "CA-ON", "CA-AB", "CA-BC")) {
      assertThat(dataset.zone(code)).as(code).isPresent();
    }
  }

  @Test
  void matchesTheReferenceAnchors() {
    Map<String, Double> owid2023 =
        Map.of(
            "US", 369.5, "FR", 56.0, "DE", 381.0, "PL", 661.9, "SE", 40.7, "GB", 237.6, "CN", 582.3,
            "IN", 713.4);
    owid2023.forEach(
        (code, grams) ->
            assertThat(dataset.zone(code).orElseThrow().gramsPerKwh()).isEqualTo(grams));
  }

  @Test
  void everyCloudRegionAndAliasResolvesToAGridZone() {
    for (CloudRegion region : dataset.cloudRegions()) {
      assertThat(dataset.zone(region.gridZone())).as(region.zoneLabel()).isPresent();
      assertThat(
              CarbonModel.resolve(
                      CarbonSettings.builder()
                          .cloudProvider(region.provider().id())
                          .cloudRegion(region.name())
                          .build(),
                      w -> {
                        throw new AssertionError(w);
                      })
                  .locationIntensity()
                  .level())
          .isEqualTo(IntensityLevel.CLOUD_REGION);
    }
    dataset
        .aliases()
        .forEach((alias, zone) -> assertThat(dataset.zone(alias)).as(alias).isPresent());
  }

  @Test
  void coversTheMainRegionsOfEachProvider() {
    for (String label :
        List.of(
            "aws:us-east-1",
            "aws:us-west-2",
            "aws:eu-west-1",
            "aws:eu-central-1",
            "aws:ap-northeast-1",
            "gcp:us-central1",
            "gcp:europe-west4",
            "gcp:asia-southeast1",
            "azure:eastus",
            "azure:westeurope",
            "azure:northeurope",
            "azure:southeastasia")) {
      String[] parts = label.split(":");
      assertThat(dataset.cloudRegion(CloudProvider.fromId(parts[0]).orElseThrow(), parts[1]))
          .as(label)
          .isPresent();
    }
  }
}
