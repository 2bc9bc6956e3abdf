package dev.jouletrace.accounting.carbon;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The latest grid intensity of a zone from the Electricity Maps API ({@code GET
 * <base>/carbon-intensity/latest?zone=FR} with an {@code auth-token} header). Off unless the user
 * gives a token. Answers are cached per zone; failures back off exponentially, and while backing
 * off (or when a zone is unknown to the API) the caller falls through to the static dataset.
 */
final class LiveIntensityClient {
  static final String SOURCE = "Electricity Maps API, latest";
  static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);
  static final Duration MAX_BACKOFF = Duration.ofHours(1);
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final Pattern INTENSITY =
      Pattern.compile("\"carbonIntensity\"\\s*:\\s*(-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)");
  private static final Pattern DATETIME = Pattern.compile("\"datetime\"\\s*:\\s*\"([^\"]+)\"");

  private final URI base;
  private final String token;
  private final Duration cacheFor;
  private final Clock clock;
  private final Consumer<String> warnings;
  private final HttpClient http;
  private final Map<String, Cached> cache = new HashMap<>();
  private Instant nextAttempt = Instant.MIN;
  private Duration backoff = FIRST_BACKOFF;
  private boolean failing;

  LiveIntensityClient(
      URI base, String token, Duration cacheFor, Clock clock, Consumer<String> warnings) {
    this.base = base;
    this.token = token;
    this.cacheFor = cacheFor;
    this.clock = clock;
    this.warnings = warnings;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /** The zone's latest intensity, or empty when the API cannot tell us now. */
  synchronized Optional<CarbonIntensity> latest(String zone) {
    Instant now = clock.instant();
    Cached hit = cache.get(zone);
    if (hit != null && now.isBefore(hit.fetched.plus(cacheFor))) {
      return Optional.of(hit.intensity);
    }
    if (now.isBefore(nextAttempt)) {
      return hit == null ? Optional.empty() : Optional.of(hit.intensity);
    }
    try {
      CarbonIntensity fresh = fetch(zone);
      cache.put(zone, new Cached(fresh, now));
      backoff = FIRST_BACKOFF;
      if (failing) {
        warnings.accept("Live carbon intensity from " + base + " is answering again");
        failing = false;
      }
      return Optional.of(fresh);
    } catch (IOException | RuntimeException e) {
      nextAttempt = now.plus(backoff);
      if (!failing) {
        warnings.accept(
            "Live carbon intensity from "
                + base
                + " failed ("
                + e.getMessage()
                + "); using the static figure, retrying in "
                + backoff.toMinutes()
                + " min and backing off up to "
                + MAX_BACKOFF.toMinutes()
                + " min");
        failing = true;
      }
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
      return hit == null ? Optional.empty() : Optional.of(hit.intensity);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private CarbonIntensity fetch(String zone) throws IOException, InterruptedException {
    URI uri =
        URI.create(
            base.toString().replaceAll("/+$", "")
                + "/carbon-intensity/latest?zone="
                + URLEncoder.encode(zone, StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("auth-token", token).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + " for zone " + zone);
    }
    return parse(zone, response.body());
  }

  /** Reads the two fields we use; the response is small and flat. */
  static CarbonIntensity parse(String zone, String body) throws IOException {
    Matcher value = INTENSITY.matcher(body);
    if (!value.find()) {
      throw new IOException("no carbonIntensity in the answer for zone " + zone);
    }
    double gramsPerKwh = Double.parseDouble(value.group(1));
    Matcher when = DATETIME.matcher(body);
    String datetime = when.find() ? when.group(1) : null;
    int year;
    try {
      year =
          datetime == null
              ? OffsetDateTime.now(ZoneOffset.UTC).getYear()
              : OffsetDateTime.parse(datetime).getYear();
    } catch (DateTimeParseException e) {
      throw new IOException("unreadable datetime '" + datetime + "' for zone " + zone, e);
    }
    return CarbonIntensity.of(
        gramsPerKwh,
        SOURCE + (datetime == null ? "" : " for " + datetime),
        year,
        IntensityLevel.LIVE,
        zone);
  }

  private static final class Cached {
    final CarbonIntensity intensity;
    final Instant fetched;

    Cached(CarbonIntensity intensity, Instant fetched) {
      this.intensity = intensity;
      this.fetched = fetched;
    }
  }
}
