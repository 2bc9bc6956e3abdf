package dev.jouletrace.accounting.carbon;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * A user-supplied hourly intensity series ({@code timestamp,g_per_kwh}); each row holds for the
 * hour that starts at its timestamp.
 */
final class HourlyIntensitySeries {
  static final long HOUR_MILLIS = 3_600_000L;

  private final String name;
  private final TreeMap<Long, Double> gramsPerKwhByHour;

  private HourlyIntensitySeries(String name, TreeMap<Long, Double> gramsPerKwhByHour) {
    this.name = name;
    this.gramsPerKwhByHour = gramsPerKwhByHour;
  }

  /**
   * Reads a CSV file: an optional header line, then {@code timestamp,g_per_kwh} rows; timestamps
   * are ISO-8601 instants ("2024-03-01T13:00:00Z") or offset date-times ("...T14:00+01:00") on an
   * hour boundary.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException naming the line when a row is malformed, off the hour,
   *     repeated, or out of 0..2000 g/kWh
   */
  public static HourlyIntensitySeries read(Path file) throws IOException {
    TreeMap<Long, Double> hours = new TreeMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<List<String>> rows = CsvRecords.read(reader);
      for (int i = 0; i < rows.size(); i++) {
        List<String> row = rows.get(i);
        if (i == 0 && isHeader(row)) {
          continue;
        }
        String where = file.getFileName() + " row " + (i + 1) + ": ";
        if (row.size() < 2) {
          throw new IllegalArgumentException(where + "expected timestamp,g_per_kwh");
        }
        long hour = parseHour(row.get(0), where);
        double grams;
        try {
          grams = Double.parseDouble(row.get(1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(where + "not a number: " + row.get(1), e);
        }
        if (!(grams >= 0 && grams <= 2000)) {
          throw new IllegalArgumentException(where + "g/kWh outside 0..2000: " + grams);
        }
        if (hours.put(hour, grams) != null) {
          throw new IllegalArgumentException(where + "hour listed twice: " + row.get(0));
        }
      }
    }
    if (hours.isEmpty()) {
      throw new IllegalArgumentException(file.getFileName() + " holds no rows");
    }
    return new HourlyIntensitySeries(file.getFileName().toString(), hours);
  }

  /** A series built in memory: hour start to g/kWh. */
  public static HourlyIntensitySeries of(String name, Map<Instant, Double> gramsPerKwhByHour) {
    TreeMap<Long, Double> hours = new TreeMap<>();
    for (Map.Entry<Instant, Double> e : gramsPerKwhByHour.entrySet()) {
      long millis = e.getKey().toEpochMilli();
      if (Math.floorMod(millis, HOUR_MILLIS) != 0) {
        throw new IllegalArgumentException("not on an hour boundary: " + e.getKey());
      }
      hours.put(millis, Objects.requireNonNull(e.getValue()));
    }
    return new HourlyIntensitySeries(name, hours);
  }

  /** A first row with neither a timestamp nor a number is a header ("timestamp,g_per_kwh"). */
  private static boolean isHeader(List<String> row) {
    try {
      parseHour(row.get(0), "");
      return false;
    } catch (IllegalArgumentException notATimestamp) {
      try {
        Double.parseDouble(row.size() > 1 ? row.get(1) : "");
        return false;
      } catch (NumberFormatException notANumber) {
        return !notATimestamp.getMessage().contains("hour boundary");
      }
    }
  }

  private static long parseHour(String text, String where) {
    long millis;
    try {
      millis = Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException notInstant) {
      try {
        millis = OffsetDateTime.parse(text).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(where + "not an ISO-8601 timestamp: " + text, e);
      }
    }
    if (Math.floorMod(millis, HOUR_MILLIS) != 0) {
      throw new IllegalArgumentException(where + "not on an hour boundary: " + text);
    }
    return millis;
  }

  /** The file name, used in the intensity's source and zone. */
  public String name() {
    return name;
  }

  /**
   * The energy-weighted mean intensity over the slices: each slice's energy is spread evenly over
   * its duration and split between the hours it overlaps; {@code Σ_h w_h·I_h / Σ_h w_h}. Hours the
   * series lacks drop out. When every slice has zero energy the weights are the time overlaps.
   *
   * @return empty when no hour with energy (or time) is covered by the series
   */
  public OptionalDouble energyWeightedMean(List<EnergySlice> slices) {
    double totalEnergy = 0;
    for (EnergySlice slice : slices) {
      totalEnergy += slice.energyJoules();
    }
    boolean byTime = totalEnergy == 0;
    double weightedSum = 0;
    double weights = 0;
    for (EnergySlice slice : slices) {
      long start = slice.start().toEpochMilli();
      long end = slice.end().toEpochMilli();
      long duration = end - start;
      if (duration == 0) {
        Double grams = gramsPerKwhByHour.get(hourOf(start));
        double weight = byTime ? 0 : slice.energyJoules();
        if (grams != null && weight > 0) {
          weightedSum += weight * grams;
          weights += weight;
        }
        continue;
      }
      for (long hour = hourOf(start); hour < end; hour += HOUR_MILLIS) {
        Double grams = gramsPerKwhByHour.get(hour);
        if (grams == null) {
          continue;
        }
        long overlap = Math.min(end, hour + HOUR_MILLIS) - Math.max(start, hour);
        double weight =
            byTime ? overlap : slice.energyJoules() * ((double) overlap / (double) duration);
        weightedSum += weight * grams;
        weights += weight;
      }
    }
    return weights > 0 ? OptionalDouble.of(weightedSum / weights) : OptionalDouble.empty();
  }

  private static long hourOf(long millis) {
    return Math.floorDiv(millis, HOUR_MILLIS) * HOUR_MILLIS;
  }
}
