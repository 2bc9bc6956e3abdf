package dev.jouletrace.accounting.carbon;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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

  /** Electricity Maps API v3 (https://static.electricitymaps.com/api/docs/index.html). */
  public static final URI DEFAULT_LIVE_URL = URI.create("https://api.electricitymap.org/v3");

  private final Double explicitIntensity;
  private final Path intensityFile;
  private final String country;
  private final String cloudProvider;
  private final String cloudRegion;
  private final Double pue;
  private final Map<String, String> environment;
  private final EmbodiedSettings embodied;
  private final String liveToken;
  private final URI liveUrl;
  private final Duration liveCacheFor;

  private CarbonSettings(Builder b) {
    this.explicitIntensity = b.explicitIntensity;
    this.intensityFile = b.intensityFile;
    this.country = blankToNull(b.country);
    this.cloudProvider = blankToNull(b.cloudProvider);
    this.cloudRegion = blankToNull(b.cloudRegion);
    this.pue = b.pue;
    this.environment = Collections.unmodifiableMap(new HashMap<>(b.environment));
    this.embodied = b.embodied;
    this.liveToken = blankToNull(b.liveToken);
    this.liveUrl = b.liveUrl;
    this.liveCacheFor = b.liveCacheFor;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Nothing configured and no environment: resolves to the world average. */
  public static CarbonSettings none() {
    return builder().build();
  }

  /**
   * Token for the Electricity Maps API; live intensity is used only when one is given. {@code null}
   * when unset.
   */
  public String liveToken() {
    return liveToken;
  }

  /** Base URL of the live API. */
  public URI liveUrl() {
    return liveUrl;
  }

  /** How long a live answer is reused before asking again. */
  public Duration liveCacheFor() {
    return liveCacheFor;
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
    private String liveToken;
    private URI liveUrl = DEFAULT_LIVE_URL;
    private Duration liveCacheFor = Duration.ofMinutes(15);

    private Builder() {}

    public Builder live(String token, URI url, Duration cacheFor) {
      this.liveToken = token;
      this.liveUrl = Objects.requireNonNull(url);
      this.liveCacheFor = Objects.requireNonNull(cacheFor);
      return this;
    }

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
