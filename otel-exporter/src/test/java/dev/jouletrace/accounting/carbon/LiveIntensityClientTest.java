package dev.jouletrace.accounting.carbon;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a fake Electricity Maps API on 127.0.0.1; nothing leaves the machine. */
class LiveIntensityClientTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private HttpServer server;
  private final AtomicInteger status = new AtomicInteger(200);
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final MutableClock clock = new MutableClock();
  private URI base;

  @BeforeEach
  void startFakeApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v3/carbon-intensity/latest",
        exchange -> {
          requests.add(
              exchange.getRequestURI().getQuery()
                  + " token="
                  + exchange.getRequestHeaders().getFirst("auth-token"));
          byte[] body =
              ("{\"zone\":\"FR\",\"carbonIntensity\":37,\"datetime\":\"2026-11-22T10:00:00.000Z\","
                      + "\"updatedAt\":\"2026-11-22T09:51:21.000Z\",\"isEstimated\":true}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), status.get() == 200 ? body.length : -1);
          if (status.get() == 200) {
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
          exchange.close();
        });
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v3");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private CarbonModel model() {
    CarbonSettings settings =
        CarbonSettings.builder().country("FR").live("secret", base, Duration.ofMinutes(15)).build();
    return CarbonModel.resolve(settings, IntensityDataset.embedded(), clock, warnings::add);
  }

  @Test
  void liveFigureWinsOverTheDatasetAndIsCachedForTheConfiguredTime() {
    CarbonModel model = model();
    CarbonIntensity first = model.intensityOver(T0, T0.plusSeconds(60));
    assertThat(first.gramsPerKwh()).isEqualTo(37.0);
    assertThat(first.level()).isEqualTo(IntensityLevel.LIVE);
    assertThat(first.zone()).isEqualTo("FR");
    assertThat(first.year()).isEqualTo(2026);
    assertThat(first.source())
        .isEqualTo("Electricity Maps API, latest for 2026-11-22T10:00:00.000Z");
    assertThat(requests).containsExactly("zone=FR token=secret");

    clock.advance(Duration.ofMinutes(14));
    model.intensityOver(T0, T0.plusSeconds(60));
    assertThat(requests).hasSize(1);
    clock.advance(Duration.ofMinutes(2));
    model.intensityOver(T0, T0.plusSeconds(60));
    assertThat(requests).hasSize(2);
    assertThat(warnings).isEmpty();
  }

  @Test
  void failuresFallBackToTheDatasetWithOneWarningAndBackOffExponentially() {
    status.set(503);
    CarbonModel model = model();
    CarbonIntensity fallback = model.intensityOver(T0, T0.plusSeconds(60));
    assertThat(fallback.level()).isEqualTo(IntensityLevel.COUNTRY);
    assertThat(fallback.gramsPerKwh()).isEqualTo(56.0);
    assertThat(requests).hasSize(1);

    clock.advance(Duration.ofSeconds(59));
    model.intensityOver(T0, T0.plusSeconds(60));
    assertThat(requests).as("within the first back-off of 1 min").hasSize(1);
    clock.advance(Duration.ofSeconds(2));
    model.intensityOver(T0, T0.plusSeconds(60));
    assertThat(requests).hasSize(2);
    clock.advance(Duration.ofSeconds(119));
    model.intensityOver(T0, T0.plusSeconds(60));
    assertThat(requests).as("the second back-off is 2 min").hasSize(2);
    clock.advance(Duration.ofSeconds(2));
    model.intensityOver(T0, T0.plusSeconds(60));
    assertThat(requests).hasSize(3);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("HTTP 503").contains("using the static figure");

    status.set(200);
    clock.advance(Duration.ofMinutes(5));
    assertThat(model.intensityOver(T0, T0.plusSeconds(60)).level()).isEqualTo(IntensityLevel.LIVE);
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(1)).contains("answering again");
  }

  @Test
  void withoutAZoneLiveIsNotUsedAndTheUserIsTold() {
    CarbonSettings settings =
        CarbonSettings.builder().live("secret", base, Duration.ofMinutes(15)).build();
    CarbonModel model =
        CarbonModel.resolve(settings, IntensityDataset.embedded(), clock, warnings::add);
    assertThat(model.intensityOver(T0, T0.plusSeconds(1)).level()).isEqualTo(IntensityLevel.WORLD);
    assertThat(requests).isEmpty();
    assertThat(warnings).singleElement().asString().contains("needs a zone");
  }

  @Test
  void explicitValueStillWinsOverLive() {
    CarbonSettings settings =
        CarbonSettings.builder()
            .explicitIntensity(123.0)
            .country("FR")
            .live("secret", base, Duration.ofMinutes(15))
            .build();
    CarbonModel model =
        CarbonModel.resolve(settings, IntensityDataset.embedded(), clock, warnings::add);
    assertThat(model.intensityOver(T0, T0.plusSeconds(1)).gramsPerKwh()).isEqualTo(123.0);
    assertThat(requests).isEmpty();
  }

  private static final class MutableClock extends Clock {
    private Instant now = T0;

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
