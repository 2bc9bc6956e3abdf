package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jouletrace.samples.djl.DjlMlp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same training configured for three places gives three different, correctly sourced CO2
 * figures: each epoch's intensity, source, year, level and PUE come from the embedded dataset, and
 * CO2 follows from them by the documented formula.
 */
class CarbonPlacesIT {
  private static final double JOULES_PER_KWH = 3_600_000.0;
  private final ItSettings settings = ItSettings.fromSystemProperties();

  private JsonNode train(String name, String... properties) throws Exception {
    ForkedJvm fork =
        ForkedJvm.of(settings, name, DjlMlp.class)
            .appArgs("--epochs", "2", "--rows", "1500", "--batch", "64");
    for (int i = 0; i < properties.length; i += 2) {
      fork = fork.systemProperty(properties[i], properties[i + 1]);
    }
    ForkResult result = fork.run();
    assertThat(result.exitCode()).as(result.describe()).isZero();
    return RunReport.readSingle(result.reportDir()).onlyRun();
  }

  @Test
  void threePlacesGiveThreeDifferentCorrectlySourcedFigures() throws Exception {
    JsonNode france = train("carbon-fr", "jouletrace.location.country", "FR");
    JsonNode poland = train("carbon-pl", "jouletrace.location.country", "PL");
    JsonNode stockholm =
        train(
            "carbon-aws",
            "jouletrace.cloud.provider",
            "aws",
            "jouletrace.cloud.region",
            "eu-north-1");

    // the rows of the embedded dataset (otel-exporter/src/main/resources/.../intensity.csv)
    assertPlace(france, 56.0, 2023, "country", "FR", 1.56, "Our World in Data");
    assertPlace(poland, 661.9, 2023, "country", "PL", 1.56, "Our World in Data");
    // AWS publishes no regional figure: the region takes its grid zone's, with AWS's PUE
    assertPlace(stockholm, 21.0, 2024, "cloud-region", "aws:eu-north-1", 1.135, "SE-SE3");

    List<Double> gramsPerJoule = new ArrayList<>();
    for (JsonNode run : List.of(france, poland, stockholm)) {
      gramsPerJoule.add(
          run.path("totals").path("co2_operational_g").asDouble()
              / run.path("totals").path("energy_j").asDouble());
    }
    assertThat(gramsPerJoule).doesNotHaveDuplicates();
  }

  private static void assertPlace(
      JsonNode run,
      double gramsPerKwh,
      int year,
      String level,
      String zone,
      double pue,
      String sourceMentions) {
    assertThat(run.path("epochs").size()).isEqualTo(2);
    for (JsonNode epoch : run.path("epochs")) {
      assertThat(epoch.path("carbon_intensity_g_per_kwh").asDouble()).isEqualTo(gramsPerKwh);
      assertThat(epoch.path("carbon_intensity_year").asInt()).isEqualTo(year);
      assertThat(epoch.path("carbon_intensity_level").asText()).isEqualTo(level);
      assertThat(epoch.path("carbon_zone").asText()).isEqualTo(zone);
      assertThat(epoch.path("carbon_intensity_source").asText()).contains(sourceMentions);
      assertThat(epoch.path("pue").asDouble()).isEqualTo(pue);
      double joules = epoch.path("energy_j").asDouble();
      assertThat(joules).isPositive();
      assertThat(epoch.path("co2_g").asDouble())
          .isCloseTo(joules / JOULES_PER_KWH * gramsPerKwh * pue, within(1e-12));
    }
  }
}
