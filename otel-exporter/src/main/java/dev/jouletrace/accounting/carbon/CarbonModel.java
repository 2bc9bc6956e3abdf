package dev.jouletrace.accounting.carbon;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The resolved carbon model of a run: which intensity applies to an epoch (explicit value, hourly
 * series, cloud region, country, world), which PUE, and the embodied-emissions amortisation.
 */
public final class CarbonModel {
  static final String EXPLICIT_SOURCE = CarbonSettings.INTENSITY + " (user-configured)";

  private final Double explicitGramsPerKwh;
  private final HourlyIntensitySeries series;
  private final CarbonIntensity location;
  private final LiveIntensityClient live;
  private final String liveZone;
  private final Pue pue;
  private final EmbodiedCarbon embodied;
  private final Consumer<String> warnings;
  private final AtomicBoolean seriesGapReported = new AtomicBoolean();

  private CarbonModel(
      Double explicitGramsPerKwh,
      HourlyIntensitySeries series,
      CarbonIntensity location,
      LiveIntensityClient live,
      String liveZone,
      Pue pue,
      EmbodiedCarbon embodied,
      Consumer<String> warnings) {
    this.explicitGramsPerKwh = explicitGramsPerKwh;
    this.series = series;
    this.location = location;
    this.live = live;
    this.liveZone = liveZone;
    this.pue = pue;
    this.embodied = embodied;
    this.warnings = warnings;
  }

  /**
   * Resolves settings against the embedded dataset. Never throws for bad input: an unusable value
   * is reported once through {@code warnings} and the next level applies. No network access. The
   * model keeps {@code warnings} to report, once, the first epoch an hourly series does not cover.
   */
  public static CarbonModel resolve(CarbonSettings settings, Consumer<String> warnings) {
    return resolve(settings, IntensityDataset.embedded(), warnings);
  }

  static CarbonModel resolve(
      CarbonSettings settings, IntensityDataset dataset, Consumer<String> warnings) {
    return resolve(settings, dataset, Clock.systemUTC(), warnings);
  }

  static CarbonModel resolve(
      CarbonSettings settings, IntensityDataset dataset, Clock clock, Consumer<String> warnings) {
    Objects.requireNonNull(settings, "settings");
    Consumer<String> sink = Objects.requireNonNull(warnings, "warnings");

    Double explicit = settings.explicitIntensity();
    if (explicit != null && !(explicit >= 0 && explicit <= 2000)) {
      sink.accept(CarbonSettings.INTENSITY + "=" + explicit + " is outside 0..2000 g/kWh; ignored");
      explicit = null;
    }

    HourlyIntensitySeries series = null;
    if (settings.intensityFile() != null) {
      try {
        series = HourlyIntensitySeries.read(settings.intensityFile());
      } catch (IOException | IllegalArgumentException | SecurityException e) {
        sink.accept(
            "Cannot use "
                + CarbonSettings.INTENSITY_FILE
                + "="
                + settings.intensityFile()
                + " ("
                + e.getMessage()
                + "); falling back to the cloud region, country or world average");
      }
    }

    LocationResolver.Resolved location = new LocationResolver(dataset, sink).resolve(settings);

    Pue pue = Pue.INDUSTRY_AVERAGE;
    if (settings.pue() != null) {
      if (settings.pue() >= 1.0 && settings.pue() <= 5.0) {
        pue = Pue.of(settings.pue(), CarbonSettings.PUE + " (user-configured)");
      } else {
        sink.accept(CarbonSettings.PUE + "=" + settings.pue() + " is outside 1..5; ignored");
      }
    }
    if (pue == Pue.INDUSTRY_AVERAGE && location.provider != null) {
      pue = location.provider.publishedPue();
    }
    LiveIntensityClient live = null;
    if (settings.liveToken() != null) {
      if (location.gridZone == null) {
        sink.accept(
            "Live carbon intensity needs a zone: set "
                + CarbonSettings.COUNTRY
                + " or a cloud region; using "
                + location.intensity);
      } else {
        live =
            new LiveIntensityClient(
                settings.liveUrl(), settings.liveToken(), settings.liveCacheFor(), clock, sink);
      }
    }
    return new CarbonModel(
        explicit,
        series,
        location.intensity,
        live,
        location.gridZone,
        pue,
        new EmbodiedCarbon(settings.embodied()),
        sink);
  }

  /** The intensity for an epoch, weighting hourly values by time overlap (energy unknown). */
  public CarbonIntensity intensityOver(Instant start, Instant end) {
    return intensityOver(Collections.singletonList(EnergySlice.of(start, end, 0)));
  }

  /**
   * The intensity for an epoch whose energy is known per slice (e.g. per sampling period): hourly
   * series values are weighted by the energy drawn in each hour. Slices must not be empty.
   */
  public CarbonIntensity intensityOver(List<EnergySlice> slices) {
    if (slices.isEmpty()) {
      throw new IllegalArgumentException("no slices");
    }
    Instant start = slices.get(0).start();
    int year = start.atZone(ZoneOffset.UTC).getYear();
    if (explicitGramsPerKwh != null) {
      return CarbonIntensity.of(
          explicitGramsPerKwh, EXPLICIT_SOURCE, year, IntensityLevel.EXPLICIT, "user");
    }
    if (live != null) {
      Optional<CarbonIntensity> latest = live.latest(liveZone);
      if (latest.isPresent()) {
        return latest.get();
      }
    }
    if (series != null) {
      OptionalDouble mean = series.energyWeightedMean(slices);
      if (mean.isPresent()) {
        return CarbonIntensity.of(
            mean.getAsDouble(),
            "user time series " + series.name() + " (energy-weighted hourly mean)",
            year,
            IntensityLevel.TIMESERIES,
            "timeseries:" + series.name());
      }
      if (seriesGapReported.compareAndSet(false, true)) {
        warnings.accept(
            "The intensity file "
                + series.name()
                + " does not cover an epoch starting "
                + start
                + "; using "
                + location
                + " for uncovered epochs");
      }
    }
    return location;
  }

  /** What applies when no explicit value or covering series exists: cloud, country or world. */
  public CarbonIntensity locationIntensity() {
    return location;
  }

  public Pue pue() {
    return pue;
  }

  public EmbodiedCarbon embodiedCarbon() {
    return embodied;
  }

  /** Operational and embodied emissions of one epoch, intensity weighted by time overlap. */
  public EpochCarbon account(
      double energyJoules, Instant start, Instant end, List<DeviceDescriptor> devices) {
    return new EpochCarbon(
        energyJoules,
        intensityOver(start, end),
        pue,
        embodied.over(Duration.between(start, end), devices));
  }

  /**
   * Operational and embodied emissions of energy drawn at times spread over {@code [start, end]} (a
   * run's time between its epochs): the intensity over that span, embodied emissions amortised over
   * the {@code charged} time only.
   */
  public EpochCarbon account(
      double energyJoules,
      Instant start,
      Instant end,
      Duration charged,
      List<DeviceDescriptor> devices) {
    return new EpochCarbon(
        energyJoules, intensityOver(start, end), pue, embodied.over(charged, devices));
  }

  /** As {@link #account(double, Instant, Instant, List)}, with energy known per slice. */
  public EpochCarbon account(List<EnergySlice> slices, List<DeviceDescriptor> devices) {
    if (slices.isEmpty()) {
      throw new IllegalArgumentException("no slices");
    }
    double joules = 0;
    Instant start = slices.get(0).start();
    Instant end = start;
    for (EnergySlice slice : slices) {
      joules += slice.energyJoules();
      start = slice.start().isBefore(start) ? slice.start() : start;
      end = slice.end().isAfter(end) ? slice.end() : end;
    }
    return new EpochCarbon(
        joules, intensityOver(slices), pue, embodied.over(Duration.between(start, end), devices));
  }

  /** One line for a startup log: which intensity and PUE apply and why. */
  public String describe() {
    String intensity;
    if (explicitGramsPerKwh != null) {
      intensity = explicitGramsPerKwh + " g/kWh (" + EXPLICIT_SOURCE + ")";
    } else {
      intensity = series != null ? "hourly series " + series.name() + ", else " : "";
      intensity += location.toString();
      if (live != null) {
        intensity =
            "live (" + LiveIntensityClient.SOURCE + ", zone " + liveZone + "), else " + intensity;
      }
    }
    return "carbon intensity " + intensity + "; PUE " + pue;
  }
}
