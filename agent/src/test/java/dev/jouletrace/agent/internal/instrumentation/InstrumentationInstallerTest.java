package dev.jouletrace.agent.internal.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.listener.EarlyStoppingListener;
import ai.djl.training.listener.TrainingListener;
import dev.jouletrace.agent.bootstrap.TrainingBridge;
import dev.jouletrace.agent.internal.instrumentation.djl.DjlListenerInjector;
import dev.jouletrace.agent.internal.lifecycle.EpochMeasurement;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy;
import dev.jouletrace.agent.internal.lifecycle.RunSink;
import dev.jouletrace.agent.internal.lifecycle.TrainingLifecycle;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.ScriptedProbe;
import dev.jouletrace.probe.EnergyMethod;
import java.lang.instrument.Instrumentation;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The real Byte Buddy installation and advice, in this JVM, against test doubles that carry the
 * frameworks' class and method names and call shapes.
 */
class InstrumentationInstallerTest {
  private static final List<String> events = new CopyOnWriteArrayList<>();
  private static final List<EpochMeasurement> epochs = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void install() {
    Instrumentation inst = ByteBuddyAgent.install();
    InstrumentationInstaller.install(
        inst, Instrumentations.builtIn(), InstrumentationInstallerTest.class.getClassLoader());
  }

  @BeforeEach
  void register() {
    events.clear();
    epochs.clear();
    Map<String, FrameworkPolicy> policies = new HashMap<>();
    for (TrainingInstrumentation unit : Instrumentations.builtIn()) {
      policies.putIfAbsent(unit.framework(), unit.policy());
    }
    ScriptedProbe probe = new ScriptedProbe("cpu:estimate", EnergyMethod.ESTIMATED, 1.0);
    TrainingBridge.register(
        new TrainingLifecycle(
            new EnergyMeter(List.of(probe)),
            new Recorder(),
            policies,
            new DjlListenerInjector(),
            false));
  }

  @AfterEach
  void unregister() {
    TrainingBridge.register(null);
  }

  @Test
  void dl4jFitWithEpochsIsOneRunWithOneEpochPerPassAndFrameworkBatchCounts() {
    MultiLayerNetwork net = new MultiLayerNetwork();
    net.fit((DataSetIterator) () -> 24, 3);

    assertThat(events)
        .containsExactly(
            "run 1 start dl4j planned=3",
            "run 1 epoch 0 completed batches=24",
            "run 1 epoch 1 completed batches=24",
            "run 1 epoch 2 completed batches=24",
            "run 1 end completed");
    assertThat(epochs.get(0).trainLoss()).isEqualTo(0.25);
  }

  @Test
  void dl4jDelegatingEpochOverloadCountsOnce() {
    MultiLayerNetwork net = new MultiLayerNetwork();
    net.fit((MultiDataSetIterator) () -> 5);
    net.fit((MultiDataSetIterator) () -> 5);

    assertThat(events)
        .containsExactly(
            "run 1 start dl4j planned=-1 implicit",
            "run 1 epoch 0 completed batches=5",
            "run 1 epoch 1 completed batches=5");
  }

  @Test
  void dl4jNetworksThatAreEqualStillTrainAsSeparateRuns() {
    new MultiLayerNetwork().fit((DataSetIterator) () -> 1, 1);
    new MultiLayerNetwork().fit((DataSetIterator) () -> 1, 1);
    assertThat(events).filteredOn(e -> e.contains("start")).hasSize(2);
  }

  @Test
  void dl4jExceptionEndsEpochAndRunAsFailedAndStillReachesTheApp() {
    MultiLayerNetwork net = new MultiLayerNetwork();
    net.failAtEpoch = new IllegalStateException("diverged");
    net.epochToFail = 1;
    assertThatThrownBy(() -> net.fit((DataSetIterator) () -> 2, 3)).hasMessage("diverged");
    assertThat(events)
        .containsExactly(
            "run 1 start dl4j planned=3",
            "run 1 epoch 0 completed batches=2",
            "run 1 epoch 1 failed batches=0",
            "run 1 end failed");
  }

  @Test
  void djlEasyTrainIsOneRunWithEpochsFromTheInjectedProbe() {
    Trainer trainer = new Trainer(new Model() {}, List::of);
    assertThat(trainer.listenersForTest()).hasSize(1);
    EasyTrain.fit(trainer, 2, () -> 7, null);

    assertThat(events)
        .containsExactly(
            "run 1 start djl planned=2",
            "run 1 epoch 0 completed batches=7",
            "run 1 epoch 1 completed batches=7",
            "run 1 end completed");
  }

  @Test
  void djlEarlyStopKeepsTheLastEpochAndReportsEarlyStopped() {
    List<TrainingListener> userListeners = List.of(new EarlyStoppingListener(2));
    Trainer trainer = new Trainer(new Model() {}, () -> userListeners);
    Dataset data = () -> 3;
    assertThatThrownBy(() -> EasyTrain.fit(trainer, 10, data, null))
        .isInstanceOf(EarlyStoppingListener.EarlyStoppedException.class);

    assertThat(events)
        .containsExactly(
            "run 1 start djl planned=10",
            "run 1 epoch 0 completed batches=3",
            "run 1 epoch 1 completed batches=3",
            "run 1 end early_stopped");
  }

  @Test
  void withoutARegisteredLifecycleTheTrainingRunsUntouched() {
    TrainingBridge.register(null);
    MultiLayerNetwork net = new MultiLayerNetwork();
    net.fit((DataSetIterator) () -> 3, 2);
    assertThat(net.getIterationCount()).isEqualTo(6);
    assertThat(events).isEmpty();
  }

  private static final class Recorder implements RunSink {
    @Override
    public void runStarted(
        int runNumber,
        String framework,
        Instant start,
        int plannedEpochs,
        boolean implicit,
        boolean attachedLate) {
      events.add(
          "run "
              + runNumber
              + " start "
              + framework
              + " planned="
              + plannedEpochs
              + (implicit ? " implicit" : ""));
    }

    @Override
    public void epochMeasured(EpochMeasurement e) {
      epochs.add(e);
      events.add(
          "run " + e.runNumber + " epoch " + e.index + " " + e.status + " batches=" + e.batches);
    }

    @Override
    public void runEnded(int runNumber, String status, Instant end) {
      events.add("run " + runNumber + " end " + status);
    }
  }
}
