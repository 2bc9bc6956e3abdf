package dev.jouletrace.accounting.carbon;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The public clouds we know regions and PUE for, and the environment variables that name a region.
 */
enum CloudProvider {
  // PUE figures: Cloud Carbon Footprint methodology (Methodology.md, ccf @b7a049c7), the values
  // CCF and RETIT apply per provider. CCF's Appendix lists 1.125 for Azure; we use the 1.185 of
  // the methodology text.
  AWS("aws", 1.135, Arrays.asList("AWS_REGION", "AWS_DEFAULT_REGION"), Collections.emptyList()),
  GCP(
      "gcp",
      1.10,
      Arrays.asList("GOOGLE_CLOUD_REGION", "FUNCTION_REGION"),
      Collections.emptyList()),
  AZURE(
      "azure",
      1.185,
      Collections.singletonList("AZURE_REGION"),
      // Set by Azure App Service and Functions ("West Europe"); too generic to detect Azure by.
      Collections.singletonList("REGION_NAME"));

  private final String id;
  private final double publishedPue;
  private final List<String> regionVariables;
  private final List<String> regionVariablesWhenConfigured;

  CloudProvider(
      String id,
      double publishedPue,
      List<String> regionVariables,
      List<String> regionVariablesWhenConfigured) {
    this.id = id;
    this.publishedPue = publishedPue;
    this.regionVariables = regionVariables;
    this.regionVariablesWhenConfigured = regionVariablesWhenConfigured;
  }

  /** "aws", "gcp" or "azure", as written in {@code jouletrace.cloud.provider}. */
  public String id() {
    return id;
  }

  /** The provider's fleet PUE as applied by Cloud Carbon Footprint. */
  public Pue publishedPue() {
    return Pue.of(publishedPue, "Cloud Carbon Footprint methodology, " + id + " fleet average");
  }

  /** Variables that both reveal this provider and name its region, in the order we read them. */
  public List<String> regionVariables() {
    return regionVariables;
  }

  /** Further variables read only when the provider is configured. */
  public List<String> regionVariablesWhenConfigured() {
    return regionVariablesWhenConfigured;
  }

  /** Region names as the provider writes them; Azure's display names lose case and spaces. */
  public String normaliseRegion(String region) {
    String trimmed = region.trim().toLowerCase(Locale.ROOT);
    return this == AZURE ? trimmed.replace(" ", "") : trimmed;
  }

  public static Optional<CloudProvider> fromId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    for (CloudProvider provider : values()) {
      if (provider.id.equals(wanted)) {
        return Optional.of(provider);
      }
    }
    return Optional.empty();
  }
}
