package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.samples.dl4j.Dl4jMlp;
import org.junit.jupiter.api.Test;

/**
 * The agent on {@code MultiLayerNetwork.fit(iterator, 3)} (Dl4jMlp, mode fit-epochs), default
 * carbon settings.
 */
class Dl4jAgentIT extends TrainingTraceContract {

  @Override
  String framework() {
    return "dl4j";
  }

  @Override
  Class<?> sampleMain() {
    return Dl4jMlp.class;
  }

  @Test
  void defaultCarbonSettingsArePhysicallyPlausible() {
    for (ExportedSpan epoch : epochSpans()) {
      // Grid averages span roughly 10-1100 gCO2e/kWh; a PUE is at least 1 by definition.
      assertThat(epoch.decimal("jouletrace.carbon.intensity_g_per_kwh"))
          .isStrictlyBetween(0.0, 2000.0);
      assertThat(epoch.decimal("jouletrace.pue")).isBetween(1.0, 3.0);
    }
  }
}
