package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jouletrace.samples.djl.DjlMlp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The agent on {@code EasyTrain.fit(trainer, 3, train, validate)} (DjlMlp, mode easytrain). */
class DjlAgentIT extends TrainingTraceContract {

  private static final double INTENSITY_G_PER_KWH = 100;
  private static final double PUE = 1.5;

  /** Where an OTLP exporter left at its defaults would connect: gRPC 4317, HTTP 4318. */
  private static final int[] OTLP_DEFAULT_PORTS = {4317, 4318};

  @Override
  String framework() {
    return "djl";
  }

  @Override
  Class<?> sampleMain() {
    return DjlMlp.class;
  }

  @Override
  ForkedJvm configureTraced(ForkedJvm fork) {
    return fork.systemProperty("jouletrace.carbon.intensity", "100")
        .systemProperty("jouletrace.pue", "1.5");
  }

  @Test
  void usesConfiguredIntensityAndPue() {
    double joules = 0;
    for (ExportedSpan epoch : epochSpans()) {
      assertThat(epoch.decimal("jouletrace.carbon.intensity_g_per_kwh"))
          .isEqualTo(INTENSITY_G_PER_KWH);
      assertThat(epoch.decimal("jouletrace.pue")).isEqualTo(PUE);
      double epochJoules = epoch.decimal("jouletrace.energy.joules");
      assertRelativelyClose(
          "CO2 of " + epoch,
          epoch.decimal("jouletrace.co2.grams"),
          epochJoules / JOULES_PER_KWH * INTENSITY_G_PER_KWH * PUE);
      joules += epochJoules;
    }
    // the run's energy is its epochs' and the time between them
    assertRelativelyClose(
        "run CO2",
        runSpan().decimal("jouletrace.co2.grams"),
        runSpan().decimal("jouletrace.energy.joules") / JOULES_PER_KWH * INTENSITY_G_PER_KWH * PUE);
    assertThat(runSpan().decimal("jouletrace.energy.joules")).isGreaterThanOrEqualTo(joules);
  }

  @Test
  void eachEpochHasItsValidationPassAsAChildSpanWithItsOwnEnergy() {
    List<ExportedSpan> validations = named(spans, "training.validation");
    assertThat(validations).hasSize(EPOCHS);
    for (ExportedSpan epoch : epochSpans()) {
      List<ExportedSpan> children =
          validations.stream().filter(v -> v.parentSpanId().equals(epoch.spanId())).toList();
      assertThat(children).as("validation passes of %s", epoch).hasSize(1);
      ExportedSpan validation = children.get(0);
      // DjlMlp validates on ROWS / 4 rows in batches of 64
      assertThat(validation.integer("jouletrace.validation.batches"))
          .isEqualTo((ROWS / 4 + 63) / 64);
      // a validation pass lies inside its epoch: its window and its energy are parts of the epoch's
      assertThat(validation.decimal("jouletrace.energy.joules"))
          .isPositive()
          .isLessThan(epoch.decimal("jouletrace.energy.joules"));
      assertThat(validation.startNanos()).isGreaterThanOrEqualTo(epoch.startNanos());
      assertThat(validation.endNanos()).isLessThanOrEqualTo(epoch.endNanos());
      assertThat(epoch.integer("jouletrace.epoch.samples")).isEqualTo(ROWS);
    }
  }

  @Test
  void withoutExporterSettingsWritesTheReportAndConnectsNowhere() throws Exception {
    List<ConnectionCounter> listeners = new ArrayList<>();
    try {
      for (int port : OTLP_DEFAULT_PORTS) {
        ConnectionCounter.listen(port).ifPresent(listeners::add);
      }
      ForkResult fork =
          ForkedJvm.of(settings, "djl-no-exporter", DjlMlp.class).appArgs(sampleArgs()).run();

      assertThat(fork.exitCode()).as(fork.describe()).isZero();
      JsonNode run = RunReport.readSingle(fork.reportDir()).onlyRun();
      assertThat(run.path("status").asText()).isEqualTo("completed");
      assertThat(run.path("epochs").size()).isEqualTo(EPOCHS);
      assertThat(fork.stderrLines()).noneMatch(line -> line.contains("Failed to export"));
      for (ConnectionCounter listener : listeners) {
        assertThat(listener.connectionsSoFar(Duration.ofSeconds(10)))
            .as("connections to 127.0.0.1:%d (an OTLP default)", listener.port())
            .isZero();
      }
    } finally {
      for (ConnectionCounter listener : listeners) {
        listener.close();
      }
    }
    Assumptions.assumeFalse(
        listeners.isEmpty(), "ports 4317 and 4318 are taken: connection attempts not observed");
  }
}
