package dev.jouletrace.accounting.carbon;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the user told us about where the run draws its power from; every field is optional and maps
 * 1:1 to a {@code jouletrace.*} key.
 */
public final class CarbonSettings {
  public static final String INTENSITY = "jouletrace.carbon.intensity";
  public static final String INTENSITY_FILE = "jouletrace.carbon.intensity.file";
  public static final String COUNTRY = "jouletrace.location.country";
  public static final String CLOUD_PROVIDER = "jouletrace.cloud.provider";
  public static final String CLOUD_REGION = "jouletrace.cloud.region";
  public static final String PUE = "jouletrace.pue";

  private final Double explicitIntensity;
  private final Path intensityFile;
  private final String country;
  private final String cloudProvider;
  private final String cloudRegion;
  private final Double pue;
  private final Map<String, String> environment;
  private final EmbodiedSettings embodied;

  private CarbonSettings(Builder b) {
    this.explicitIntensity = b.explicitIntensity;
    this.intensityFile = b.intensityFile;
    this.country = blankToNull(b.country);
    this.cloudProvider = blankToNull(b.cloudProvider);
    this.cloudRegion = blankToNull(b.cloudRegion);
    this.pue = b.pue;
    this.environment = Collections.unmodifiableMap(new HashMap<>(b.environment));
    this.embodied = b.embodied;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Nothing configured and no environment: resolves to the world average. */
  public static CarbonSettings none() {
    return builder().build();
  }

  /** g/kWh the user gave; {@code null} when unset. */
  public Double explicitIntensity() {
    return explicitIntensity;
  }

  /** Hourly {@code timestamp,g_per_kwh} CSV; {@code null} when unset. */
  public Path intensityFile() {
    return intensityFile;
  }

  /** ISO 3166-1 alpha-2, optionally '-' + grid region ("US-CA", "SE-SE3"); {@code null}. */
  public String country() {
    return country;
  }

  /** "aws", "gcp" or "azure" as configured; {@code null} when unset. */
  public String cloudProvider() {
    return cloudProvider;
  }

  public String cloudRegion() {
    return cloudRegion;
  }

  public Double pue() {
    return pue;
  }

  public Map<String, String> environment() {
    return environment;
  }

  public EmbodiedSettings embodied() {
    return embodied;
  }

  /** Builds {@link CarbonSettings}; all setters accept {@code null} for "not configured". */
  public static final class Builder {
    private Double explicitIntensity;
    private Path intensityFile;
    private String country;
    private String cloudProvider;
    private String cloudRegion;
    private Double pue;
    private Map<String, String> environment = Collections.emptyMap();
    private EmbodiedSettings embodied = EmbodiedSettings.defaults();

    private Builder() {}

    public Builder explicitIntensity(Double gramsPerKwh) {
      this.explicitIntensity = gramsPerKwh;
      return this;
    }

    public Builder intensityFile(Path file) {
      this.intensityFile = file;
      return this;
    }

    public Builder country(String country) {
      this.country = country;
      return this;
    }

    public Builder cloudProvider(String provider) {
      this.cloudProvider = provider;
      return this;
    }

    public Builder cloudRegion(String region) {
      this.cloudRegion = region;
      return this;
    }

    public Builder pue(Double pue) {
      this.pue = pue;
      return this;
    }

    public Builder environment(Map<String, String> environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    public Builder embodied(EmbodiedSettings embodied) {
      this.embodied = Objects.requireNonNull(embodied, "embodied");
      return this;
    }

    public CarbonSettings build() {
      return new CarbonSettings(this);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.trim().isEmpty() ? null : value.trim();
  }
}
