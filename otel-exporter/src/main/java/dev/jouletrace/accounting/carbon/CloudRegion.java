package dev.jouletrace.accounting.carbon;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A cloud provider's region, the grid zone it sits in, and the provider's own figure where one is
 * published (Google); regions without one take their grid zone's figure.
 */
final class CloudRegion {
  private final CloudProvider provider;
  private final String name;
  private final String location;
  private final String gridZone;
  private final Double publishedGramsPerKwh;
  private final int publishedYear;
  private final String publishedSource;

  CloudRegion(
      CloudProvider provider,
      String name,
      String location,
      String gridZone,
      Double publishedGramsPerKwh,
      int publishedYear,
      String publishedSource) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.name = Objects.requireNonNull(name, "name");
    this.location = Objects.requireNonNull(location, "location");
    this.gridZone = Objects.requireNonNull(gridZone, "gridZone");
    this.publishedGramsPerKwh = publishedGramsPerKwh;
    this.publishedYear = publishedYear;
    this.publishedSource = publishedSource == null ? "" : publishedSource;
  }

  public CloudProvider provider() {
    return provider;
  }

  public String name() {
    return name;
  }

  public String location() {
    return location;
  }

  /** Code of the grid zone (a row of the intensity dataset) the region draws from. */
  public String gridZone() {
    return gridZone;
  }

  /** The provider's own yearly figure for the region, when it publishes one. */
  public OptionalDouble publishedGramsPerKwh() {
    return publishedGramsPerKwh == null
        ? OptionalDouble.empty()
        : OptionalDouble.of(publishedGramsPerKwh);
  }

  /** "aws:eu-west-1". */
  public String zoneLabel() {
    return provider.id() + ":" + name;
  }

  CarbonIntensity toIntensity(GridZone zone) {
    if (publishedGramsPerKwh != null) {
      return CarbonIntensity.of(
          publishedGramsPerKwh,
          publishedSource,
          publishedYear,
          IntensityLevel.CLOUD_REGION,
          zoneLabel());
    }
    return CarbonIntensity.of(
        zone.gramsPerKwh(),
        zone.source() + " (grid zone " + zone.code() + " of " + location + ")",
        zone.year(),
        IntensityLevel.CLOUD_REGION,
        zoneLabel());
  }
}
