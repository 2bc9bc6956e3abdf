package dev.jouletrace.accounting.carbon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded, offline intensity dataset: yearly averages per country and sub-national grid zone,
 * US state aliases, and cloud regions mapped to their grid zones (see docs/CARBON.md).
 */
final class IntensityDataset {
  static final String WORLD = "world";
  private static final String INTENSITY = "intensity.csv";
  private static final String ALIASES = "zone-aliases.csv";
  private static final String CLOUD_REGIONS = "cloud-regions.csv";

  private static volatile IntensityDataset embedded;

  private final Map<String, GridZone> zones;
  private final Map<String, String> aliases;
  private final Map<String, CloudRegion> cloudRegions;

  private IntensityDataset(
      Map<String, GridZone> zones, Map<String, String> aliases, Map<String, CloudRegion> regions) {
    this.zones = Collections.unmodifiableMap(zones);
    this.aliases = Collections.unmodifiableMap(aliases);
    this.cloudRegions = Collections.unmodifiableMap(regions);
  }

  /** The dataset shipped in this jar; parsed once. */
  public static IntensityDataset embedded() {
    IntensityDataset dataset = embedded;
    if (dataset == null) {
      synchronized (IntensityDataset.class) {
        dataset = embedded;
        if (dataset == null) {
          dataset = load();
          embedded = dataset;
        }
      }
    }
    return dataset;
  }

  private static IntensityDataset load() {
    try {
      Map<String, GridZone> zones = new LinkedHashMap<>();
      for (List<String> row : records(INTENSITY)) {
        GridZone zone =
            new GridZone(
                normalise(row.get(0)),
                IntensityLevel.valueOf(row.get(1)),
                Double.parseDouble(row.get(2)),
                Integer.parseInt(row.get(3)),
                row.get(4),
                row.size() > 5 ? row.get(5) : "");
        if (zones.put(zone.code(), zone) != null) {
          throw new IllegalStateException("duplicate zone in " + INTENSITY + ": " + zone.code());
        }
      }
      Map<String, String> aliases = new LinkedHashMap<>();
      for (List<String> row : records(ALIASES)) {
        aliases.put(normalise(row.get(0)), normalise(row.get(1)));
      }
      Map<String, CloudRegion> regions = new LinkedHashMap<>();
      for (List<String> row : records(CLOUD_REGIONS)) {
        CloudProvider provider =
            CloudProvider.fromId(row.get(0))
                .orElseThrow(() -> new IllegalStateException("unknown provider " + row.get(0)));
        boolean published = !row.get(4).isEmpty();
        CloudRegion region =
            new CloudRegion(
                provider,
                row.get(1),
                row.get(2),
                normalise(row.get(3)),
                published ? Double.valueOf(row.get(4)) : null,
                published ? Integer.parseInt(row.get(5)) : 0,
                published ? row.get(6) : "");
        if (regions.put(region.zoneLabel(), region) != null) {
          throw new IllegalStateException("duplicate region: " + region.zoneLabel());
        }
      }
      return new IntensityDataset(zones, aliases, regions);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedded carbon intensity dataset", e);
    }
  }

  private static List<List<String>> records(String resource) throws IOException {
    InputStream in = IntensityDataset.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IOException("missing resource " + resource);
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<List<String>> rows = CsvRecords.read(reader);
      return rows.subList(1, rows.size()); // header
    }
  }

  /** Upper case, '_' read as '-'; "world" stays lower case. */
  static String normalise(String code) {
    String trimmed = code.trim();
    if (trimmed.equalsIgnoreCase(WORLD)) {
      return WORLD;
    }
    return trimmed.toUpperCase(Locale.ROOT).replace('_', '-');
  }

  /** The world-average row, used when nothing more specific is known. */
  public GridZone world() {
    return zones.get(WORLD);
  }

  /** A country or sub-national zone by code, following the US state aliases. */
  public Optional<GridZone> zone(String code) {
    String key = normalise(code);
    if (key.equals(WORLD)) {
      return Optional.empty();
    }
    GridZone zone = zones.get(key);
    if (zone == null && aliases.containsKey(key)) {
      zone = zones.get(aliases.get(key));
    }
    return Optional.ofNullable(zone);
  }

  public Optional<CloudRegion> cloudRegion(CloudProvider provider, String region) {
    return Optional.ofNullable(
        cloudRegions.get(provider.id() + ":" + provider.normaliseRegion(region)));
  }

  /** Every row of intensity.csv, world first, in file order. */
  public List<GridZone> zones() {
    return new ArrayList<>(zones.values());
  }

  /** US state code to the grid zone that serves most of the state. */
  public Map<String, String> aliases() {
    return aliases;
  }

  public List<CloudRegion> cloudRegions() {
    return new ArrayList<>(cloudRegions.values());
  }

  /** Every code {@link #zone} accepts: zone codes and aliases. */
  List<String> acceptedCodes() {
    List<String> codes = new ArrayList<>();
    for (String code : zones.keySet()) {
      if (!code.equals(WORLD)) {
        codes.add(code);
      }
    }
    codes.addAll(aliases.keySet());
    return codes;
  }

  List<String> regionNames(CloudProvider provider) {
    List<String> names = new ArrayList<>();
    for (CloudRegion region : cloudRegions.values()) {
      if (region.provider() == provider) {
        names.add(region.name());
      }
    }
    return names;
  }
}
