package dev.jouletrace.accounting.carbon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Resolves the static intensity from configuration and environment: cloud region, then country (+
 * grid region), then the world average. Never throws; an unknown code gives one warning.
 */
final class LocationResolver {
  private final IntensityDataset dataset;
  private final Consumer<String> warnings;

  LocationResolver(IntensityDataset dataset, Consumer<String> warnings) {
    this.dataset = dataset;
    this.warnings = warnings;
  }

  /** The resolved location: its intensity and the cloud provider, when one is known. */
  static final class Resolved {
    final CarbonIntensity intensity;
    final CloudProvider provider;

    /** The grid zone drawn from (e.g. FR, SE-SE3), for live look-ups; null for the world. */
    final String gridZone;

    Resolved(CarbonIntensity intensity, CloudProvider provider) {
      this(
          intensity, provider, intensity.level() == IntensityLevel.WORLD ? null : intensity.zone());
    }

    Resolved(CarbonIntensity intensity, CloudProvider provider, String gridZone) {
      this.intensity = intensity;
      this.provider = provider;
      this.gridZone = gridZone;
    }
  }

  Resolved resolve(CarbonSettings settings) {
    CloudProvider provider = null;
    boolean providerUnknown = false;
    if (settings.cloudProvider() != null) {
      Optional<CloudProvider> known = CloudProvider.fromId(settings.cloudProvider());
      if (known.isPresent()) {
        provider = known.get();
      } else {
        providerUnknown = true;
      }
    }

    String region = settings.cloudRegion();
    String regionOrigin = CarbonSettings.CLOUD_REGION;
    if (region == null && !providerUnknown) {
      EnvironmentRegion fromEnv = regionFromEnvironment(provider, settings.environment());
      if (fromEnv != null) {
        provider = fromEnv.provider;
        region = fromEnv.region;
        regionOrigin = "environment variable " + fromEnv.variable;
      }
    }
    if (region != null && provider == null && !providerUnknown) {
      provider = inferProvider(region);
    }

    // A region found only in the environment (AWS_REGION on a laptop is common) does not override
    // a country the user configured; a configured region does.
    boolean regionFromEnvironment = !regionOrigin.equals(CarbonSettings.CLOUD_REGION);
    boolean useRegion = region != null && !(regionFromEnvironment && settings.country() != null);

    if (providerUnknown) {
      CarbonIntensity fallback = countryOrWorld(settings.country());
      List<String> ids = new ArrayList<>();
      for (CloudProvider p : CloudProvider.values()) {
        ids.add(p.id());
      }
      warnings.accept(
          "Unknown "
              + CarbonSettings.CLOUD_PROVIDER
              + " '"
              + settings.cloudProvider()
              + "': expected one of "
              + String.join(", ", ids)
              + "; "
              + ZoneSuggestions.describe(ZoneSuggestions.closeTo(settings.cloudProvider(), ids))
              + " Ignoring the cloud settings; using "
              + fallback);
      return new Resolved(fallback, null);
    }

    if (useRegion && provider != null) {
      Optional<CloudRegion> known = dataset.cloudRegion(provider, region);
      Optional<GridZone> grid = known.flatMap(r -> dataset.zone(r.gridZone()));
      if (known.isPresent() && grid.isPresent()) {
        return new Resolved(known.get().toIntensity(grid.get()), provider, known.get().gridZone());
      }
      CarbonIntensity fallback = countryOrWorld(settings.country());
      warnings.accept(
          "Unknown "
              + provider.id()
              + " region '"
              + region
              + "' (from "
              + regionOrigin
              + "); "
              + ZoneSuggestions.describe(
                  ZoneSuggestions.closeTo(
                      provider.normaliseRegion(region), dataset.regionNames(provider)))
              + " Using "
              + fallback);
      return new Resolved(fallback, provider);
    }

    if (useRegion) {
      CarbonIntensity fallback = countryOrWorld(settings.country());
      List<String> all = new ArrayList<>();
      for (CloudProvider p : CloudProvider.values()) {
        all.addAll(dataset.regionNames(p));
      }
      warnings.accept(
          "Unknown cloud region '"
              + region
              + "' (from "
              + regionOrigin
              + ") for any provider; set "
              + CarbonSettings.CLOUD_PROVIDER
              + " or fix the name; "
              + ZoneSuggestions.describe(ZoneSuggestions.closeTo(region, all))
              + " Using "
              + fallback);
      return new Resolved(fallback, null);
    }
    return new Resolved(countryOrWorld(settings.country()), provider);
  }

  private static final class EnvironmentRegion {
    final CloudProvider provider;
    final String region;
    final String variable;

    EnvironmentRegion(CloudProvider provider, String region, String variable) {
      this.provider = provider;
      this.region = region;
      this.variable = variable;
    }
  }

  private static EnvironmentRegion regionFromEnvironment(
      CloudProvider configured, Map<String, String> environment) {
    if (configured != null) {
      List<String> variables = new ArrayList<>(configured.regionVariables());
      variables.addAll(configured.regionVariablesWhenConfigured());
      return firstSet(configured, variables, environment);
    }
    for (CloudProvider provider : CloudProvider.values()) {
      EnvironmentRegion found = firstSet(provider, provider.regionVariables(), environment);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static EnvironmentRegion firstSet(
      CloudProvider provider, List<String> variables, Map<String, String> environment) {
    for (String variable : variables) {
      String value = environment.get(variable);
      if (value != null && !value.trim().isEmpty()) {
        return new EnvironmentRegion(provider, value.trim(), variable);
      }
    }
    return null;
  }

  private CloudProvider inferProvider(String region) {
    for (CloudProvider provider : CloudProvider.values()) {
      if (dataset.cloudRegion(provider, region).isPresent()) {
        return provider;
      }
    }
    return null;
  }

  /** Country (+ grid region), else the world average; one warning for an unknown code. */
  CarbonIntensity countryOrWorld(String code) {
    CarbonIntensity world = dataset.world().toIntensity();
    if (code == null) {
      return world;
    }
    Optional<GridZone> zone = dataset.zone(code);
    if (zone.isPresent()) {
      return zone.get().toIntensity();
    }
    String key = IntensityDataset.normalise(code);
    int dash = key.indexOf('-');
    if (dash > 0) {
      String country = key.substring(0, dash);
      Optional<GridZone> countryZone = dataset.zone(country);
      if (countryZone.isPresent()) {
        List<String> sameCountry = new ArrayList<>();
        for (String candidate : dataset.acceptedCodes()) {
          if (candidate.startsWith(country + "-")) {
            sameCountry.add(candidate);
          }
        }
        CarbonIntensity fallback = countryZone.get().toIntensity();
        warnings.accept(
            "Unknown grid region in "
                + CarbonSettings.COUNTRY
                + " '"
                + code
                + "'; "
                + ZoneSuggestions.describe(ZoneSuggestions.closeTo(key, sameCountry))
                + " Using the country average "
                + fallback);
        return fallback;
      }
    }
    warnings.accept(
        "Unknown "
            + CarbonSettings.COUNTRY
            + " '"
            + code
            + "' (expected ISO 3166-1 alpha-2, optionally '-' + grid region); "
            + ZoneSuggestions.describe(ZoneSuggestions.closeTo(key, dataset.acceptedCodes()))
            + " Using the world average "
            + world);
    return world;
  }
}
