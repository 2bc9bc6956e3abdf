package dev.jouletrace.agent.internal.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.HandWrittenTrainer;
import com.acme.LegacyTrainer;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.agent.bootstrap.TrainingBridge;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy.EpochStart;
import dev.jouletrace.agent.internal.lifecycle.ProgressReader;
import dev.jouletrace.agent.internal.lifecycle.RecordingSink;
import dev.jouletrace.agent.internal.lifecycle.TrainingLifecycle;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.ScriptedProbe;
import dev.jouletrace.probe.EnergyMethod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** jouletrace.targets through the real installer and advice, on a hand-written loop. */
class ConfiguredTargetsInstallTest {
  private static final RecordingSink SINK = new RecordingSink();
  private static final List<String> events = SINK.events;
  private static final List<EpochRecord> epochs = SINK.epochs;
  private static final List<String> skipped = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void install() {
    TrainingInstrumentation unit =
        ConfiguredTargets.parse(
            "com.acme.HandWrittenTrainer#trainAll(int,int):run,"
                + "com.acme.HandWrittenTrainer#oneEpoch:epoch,"
                + "com.acme.HandWrittenTrainer#step:step,"
                + "com.acme.HandWrittenTrainer#validate:validation,"
                + "com.acme.HandWrittenTrainer#trainStatic:run,"
                + "com.acme.HandWrittenTrainer#epochStatic:epoch,"
                + "com.acme.HandWrittenTrainer#trainNoModel:run,"
                + "com.acme.HandWrittenTrainer#epochNoModel:epoch",
            "acme",
            skipped::add);
    TrainingInstrumentation legacy =
        ConfiguredTargets.parse(
            "com.acme.LegacyTrainer#trainAll:run,com.acme.LegacyTrainer#oneEpoch:epoch",
            "legacy",
            skipped::add);
    InstrumentationInstaller.install(
        ByteBuddyAgent.install(),
        List.of(unit, legacy),
        ConfiguredTargetsInstallTest.class.getClassLoader(),
        skipped::add);
  }

  @BeforeEach
  void register() {
    events.clear();
    epochs.clear();
    TrainingBridge.register(
        new TrainingLifecycle(
            new EnergyMeter(
                List.of(new ScriptedProbe("cpu:estimate", EnergyMethod.ESTIMATED, 1.0))),
            SINK,
            Map.of("acme", new FrameworkPolicy(ProgressReader.NONE, EpochStart.AT_EPOCH_CALL)),
            (trainer, listeners, callbacks) -> listeners,
            false));
  }

  @AfterEach
  void unregister() {
    TrainingBridge.register(null);
  }

  @Test
  void instanceTargetsGiveRunEpochsStepsAndValidation() {
    new HandWrittenTrainer().trainAll(2, 3);

    assertThat(events)
        .containsExactly(
            "run 1 start acme planned=-1",
            "run 1 epoch 0 completed batches=3",
            "run 1 epoch 1 completed batches=3",
            "run 1 end completed");
    assertThat(epochs).allSatisfy(e -> assertThat(e.validations()).hasSize(1));
  }

  @Test
  void staticTargetsUseTheirFirstObjectArgumentAsModel() {
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    HandWrittenTrainer.trainStatic(a, 2);
    HandWrittenTrainer.trainStatic(b, 1);

    assertThat(events)
        .containsExactly(
            "run 1 start acme planned=-1",
            "run 1 epoch 0 completed batches=0",
            "run 1 epoch 1 completed batches=0",
            "run 1 end completed",
            "run 2 start acme planned=-1",
            "run 2 epoch 0 completed batches=0",
            "run 2 end completed");
  }

  @Test
  void staticTargetsWithoutAnObjectArgumentUseTheClassAsModel() {
    HandWrittenTrainer.trainNoModel(2);

    assertThat(events)
        .containsExactly(
            "run 1 start acme planned=-1",
            "run 1 epoch 0 completed batches=0",
            "run 1 epoch 1 completed batches=0",
            "run 1 end completed");
  }

  @Test
  void aUnitMissingAMethodSkipsItselfWithOneLine() {
    new LegacyTrainer().trainAll();
    new LegacyTrainer().trainAll();

    assertThat(events).isEmpty();
    assertThat(skipped)
        .containsExactly(
            "instrumentation targets skipped: com.acme.LegacyTrainer has no"
                + " com.acme.LegacyTrainer#oneEpoch (a version it does not know); the training"
                + " runs unmeasured by it");
  }
}
