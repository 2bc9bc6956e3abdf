package dev.jouletrace.agent.internal.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.listener.EarlyStoppingListener;
import ai.djl.training.listener.TrainingListener;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.RunEnd;
import dev.jouletrace.agent.bootstrap.TrainingBridge;
import dev.jouletrace.agent.internal.instrumentation.djl.DjlListenerInjector;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy;
import dev.jouletrace.agent.internal.lifecycle.RecordingSink;
import dev.jouletrace.agent.internal.lifecycle.TrainingLifecycle;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.ScriptedProbe;
import dev.jouletrace.probe.EnergyMethod;
import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.scorecalc.ClassificationScoreCalculator;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.EarlyStoppingParallelTrainer;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The real Byte Buddy installation and advice, in this JVM, against test doubles that carry the
 * frameworks' class and method names and call shapes.
 */
class InstrumentationInstallerTest {
  private static final RecordingSink SINK = new RecordingSink();
  private static final List<String> events = SINK.events;
  private static final List<EpochRecord> epochs = SINK.epochs;
  private static final List<RunEnd> ends = SINK.ends;
  private static final List<String> skipped = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void install() {
    Instrumentation inst = ByteBuddyAgent.install();
    InstrumentationInstaller.install(
        inst,
        Instrumentations.builtIn(),
        InstrumentationInstallerTest.class.getClassLoader(),
        skipped::add);
  }

  @BeforeEach
  void register() {
    events.clear();
    epochs.clear();
    ends.clear();
    Map<String, FrameworkPolicy> policies = new HashMap<>();
    for (TrainingInstrumentation unit : Instrumentations.builtIn()) {
      policies.putIfAbsent(unit.framework(), unit.policy());
    }
    ScriptedProbe probe = new ScriptedProbe("cpu:estimate", EnergyMethod.ESTIMATED, 1.0);
    TrainingBridge.register(
        new TrainingLifecycle(
            new EnergyMeter(List.of(probe)), SINK, policies, new DjlListenerInjector(), false));
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
    assertThat(epochs.get(0).metrics().trainLoss()).isEqualTo(0.25);
    assertThat(epochs).extracting(EpochRecord::samples).containsOnly(24L * 32);
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
    assertThat(epochs).extracting(EpochRecord::samples).containsOnly(7L * 8);
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
  void djlHandWrittenLoopIsTheTrainersLifetimeEndedByClose() {
    Trainer trainer = new Trainer(new Model() {}, List::of);
    for (int epoch = 0; epoch < 2; epoch++) {
      for (int i = 0; i < 4; i++) {
        EasyTrain.trainBatch(trainer, new Batch());
        trainer.step();
      }
      trainer.notifyListeners(listener -> listener.onEpoch(trainer));
    }
    trainer.notifyListeners(listener -> listener.onTrainingEnd(trainer)); // sent by hand, too
    trainer.close();

    assertThat(events)
        .containsExactly(
            "run 1 start djl planned=-1",
            "run 1 epoch 0 completed batches=4",
            "run 1 epoch 1 completed batches=4",
            "run 1 end completed");
  }

  @Test
  void djlHandWrittenLoopThatNeverSendsOnEpochEndsEpochsAtEachNewPass() {
    Trainer trainer = new Trainer(new Model() {}, List::of);
    Dataset train = () -> 5;
    for (int epoch = 0; epoch < 3; epoch++) {
      for (Batch batch : trainer.iterateDataset(train)) {
        EasyTrain.trainBatch(trainer, batch);
        trainer.step();
      }
      EasyTrain.evaluateDataset(trainer, () -> 2); // its own pass does not split the epoch
    }
    trainer.close();

    assertThat(events)
        .containsExactly(
            "run 1 start djl planned=-1",
            "run 1 epoch 0 completed batches=5",
            "run 1 epoch 1 completed batches=5",
            "run 1 epoch 2 completed batches=5",
            "run 1 end completed");
  }

  @Test
  void djlHandWrittenLoopStoppedEarlyReportsEarlyStopped() {
    Trainer trainer = new Trainer(new Model() {}, () -> List.of(new EarlyStoppingListener(1)));
    EasyTrain.trainBatch(trainer, new Batch());
    assertThatThrownBy(() -> trainer.notifyListeners(listener -> listener.onEpoch(trainer)))
        .isInstanceOf(EarlyStoppingListener.EarlyStoppedException.class);
    trainer.close();

    assertThat(events)
        .containsExactly(
            "run 1 start djl planned=-1",
            "run 1 epoch 0 completed batches=1",
            "run 1 end early_stopped");
  }

  @Test
  void djlValidationInsideFitIsAWindowOfItsEpoch() {
    Trainer trainer = new Trainer(new Model() {}, List::of);
    EasyTrain.fit(trainer, 2, () -> 3, () -> 2);

    assertThat(epochs).hasSize(2);
    for (EpochRecord e : epochs) {
      assertThat(e.validations()).hasSize(1);
      assertThat(e.validations().get(0).batches()).isEqualTo(2);
      assertThat(e.batches()).isEqualTo(3);
    }
  }

  @Test
  void dl4jMinibatchLoopWithIncrementEpochCountMakesEpochsWithMeanScores() {
    MultiLayerNetwork net = new MultiLayerNetwork();
    net.scores = new double[] {1, 2, 3, 6};
    for (int epoch = 0; epoch < 2; epoch++) {
      for (int i = 0; i < 4; i++) {
        net.fit(new DataSet() {});
      }
      net.incrementEpochCount();
    }

    assertThat(events)
        .containsExactly(
            "run 1 start dl4j planned=-1 implicit",
            "run 1 epoch 0 completed batches=4",
            "run 1 epoch 1 completed batches=4");
    assertThat(epochs).extracting(e -> e.metrics().trainLoss()).containsExactly(3.0, 3.0);
    assertThat(epochs).extracting(e -> e.metrics().lastBatchLoss()).containsExactly(6.0, 6.0);
  }

  @Test
  void dl4jFitsOfTheWholeTrainingSetAreOneImplicitRunWithAnEpochPerPass() {
    // issue 9: for (...) net.fit(trainingSet) used to make no run at all
    MultiLayerNetwork net = new MultiLayerNetwork();
    DataSet trainingSet = new DataSet() {};
    for (int i = 0; i < 3; i++) {
      net.fit(trainingSet);
    }
    assertThat(events)
        .containsExactly(
            "run 1 start dl4j planned=-1 implicit",
            "run 1 epoch 0 completed batches=1",
            "run 1 epoch 1 completed batches=1");
    assertThat(epochs).extracting(EpochRecord::samples).containsOnly(32L);
  }

  @Test
  void dl4jArraysFitDelegatingToAMinibatchFitCountsOnce() {
    MultiLayerNetwork net = new MultiLayerNetwork();
    INDArray features = new INDArray() {};
    for (int i = 0; i < 2; i++) {
      net.fit(features, new INDArray() {});
    }
    assertThat(events)
        .containsExactly(
            "run 1 start dl4j planned=-1 implicit", "run 1 epoch 0 completed batches=1");
  }

  @Test
  void dl4jEarlyStoppingTrainerIsOneRunWithItsEpochsAndEarlyStoppedStatus() {
    MultiLayerNetwork net = new MultiLayerNetwork();
    new EarlyStoppingTrainer(
            new EarlyStoppingConfiguration<>(
                new DataSetLossCalculator(0.9, 0.5, 0.4, 0.6),
                1,
                new MaxEpochsTerminationCondition(10),
                new ScoreImprovementEpochTerminationCondition()),
            net,
            () -> 5)
        .fit();

    assertThat(events)
        .containsExactly(
            "run 1 start dl4j planned=10",
            "run 1 epoch 0 completed batches=5",
            "run 1 epoch 1 completed batches=5",
            "run 1 epoch 2 completed batches=5",
            "run 1 epoch 3 completed batches=5",
            "run 1 end early_stopped");
    assertThat(ends.get(0).outcome().bestEpoch()).isEqualTo(2);
    assertThat(ends.get(0).outcome().bestScore()).isEqualTo(0.4);
    assertThat(ends.get(0).outcome().validationScores()).containsEntry(3, 0.6);
  }

  @Test
  void dl4jEarlyStoppingScoringIsTheEpochsValidationWindowAndItsScoreTheValidationLoss() {
    // issue 9: the calculator's pass over held-out data after each epoch belongs to that epoch
    new EarlyStoppingTrainer(
            new EarlyStoppingConfiguration<>(
                new DataSetLossCalculator(0.9, 0.5, 0.7), 1, new MaxEpochsTerminationCondition(3)),
            new MultiLayerNetwork(),
            () -> 2)
        .fit();

    assertThat(epochs).hasSize(3);
    assertThat(epochs).allSatisfy(e -> assertThat(e.validations()).hasSize(1));
    assertThat(epochs).extracting(e -> e.metrics().validationLoss()).containsExactly(0.9, 0.5, 0.7);
    assertThat(epochs).extracting(e -> e.metrics().validationAccuracy()).containsOnly(Double.NaN);
    assertThat(events).last().isEqualTo("run 1 end completed");
  }

  @Test
  void dl4jEarlyStoppingScoreThatIsMaximisedIsTheValidationAccuracy() {
    new EarlyStoppingTrainer(
            new EarlyStoppingConfiguration<>(
                new ClassificationScoreCalculator(0.6, 0.8),
                1,
                new MaxEpochsTerminationCondition(2)),
            new MultiLayerNetwork(),
            () -> 2)
        .fit();

    assertThat(epochs).extracting(e -> e.metrics().validationAccuracy()).containsExactly(0.6, 0.8);
    assertThat(epochs).extracting(e -> e.metrics().validationLoss()).containsOnly(Double.NaN);
  }

  @Test
  void dl4jEarlyStoppingThatRunsEveryEpochCompletes() {
    new EarlyStoppingTrainer(
            new EarlyStoppingConfiguration<>(
                new DataSetLossCalculator(0.9, 0.5),
                1,
                new MaxEpochsTerminationCondition(2),
                new ScoreImprovementEpochTerminationCondition()),
            new MultiLayerNetwork(),
            () -> 2)
        .fit();

    assertThat(events)
        .containsExactly(
            "run 1 start dl4j planned=2",
            "run 1 epoch 0 completed batches=2",
            "run 1 epoch 1 completed batches=2",
            "run 1 end completed");
  }

  @Test
  void dl4jEarlyStoppingScoredEveryNEpochsPlansTheEpochItReallyStopsAt() {
    // MaxEpochs(4) scored every 2 epochs is checked at epochs 0, 2, 4: five epochs run
    new EarlyStoppingTrainer(
            new EarlyStoppingConfiguration<>(
                new DataSetLossCalculator(0.9, 0.8, 0.7), 2, new MaxEpochsTerminationCondition(4)),
            new MultiLayerNetwork(),
            () -> 1)
        .fit();

    assertThat(events).first().isEqualTo("run 1 start dl4j planned=5");
    assertThat(events).last().isEqualTo("run 1 end completed");
    assertThat(epochs).extracting(e -> e.validations().size()).containsExactly(1, 0, 1, 0, 1);
  }

  @Test
  void dl4jParallelWrapperLoopCountsWorkerBatchesForTheWrappedNetwork() {
    MultiLayerNetwork net = new MultiLayerNetwork();
    ParallelWrapper wrapper = new ParallelWrapper(net, 3);
    wrapper.fit((DataSetIterator) () -> 10);
    wrapper.fit((DataSetIterator) () -> 10);

    assertThat(events)
        .containsExactly(
            "run 1 start dl4j planned=-1 implicit",
            "run 1 epoch 0 completed batches=10",
            "run 1 epoch 1 completed batches=10");
    assertThat(epochs).extracting(EpochRecord::samples).containsOnly(320L);
  }

  @Test
  void dl4jEarlyStoppingParallelTrainerIsOneRunOfWrapperEpochs() {
    new EarlyStoppingParallelTrainer<>(
            new EarlyStoppingConfiguration<MultiLayerNetwork>(
                new DataSetLossCalculator(0.9, 0.5, 0.6),
                1,
                new MaxEpochsTerminationCondition(5),
                new ScoreImprovementEpochTerminationCondition()),
            new MultiLayerNetwork(),
            () -> 4,
            2)
        .fit();

    assertThat(events)
        .containsExactly(
            "run 1 start dl4j planned=5",
            "run 1 epoch 0 completed batches=4",
            "run 1 epoch 1 completed batches=4",
            "run 1 epoch 2 completed batches=4",
            "run 1 end early_stopped");
    assertThat(epochs).extracting(e -> e.metrics().validationLoss()).containsExactly(0.9, 0.5, 0.6);
    // DL4J files the parallel trainer's scores one epoch early; the outcome has them in place
    assertThat(ends.get(0).outcome().validationScores()).isEqualTo(Map.of(0, 0.9, 1, 0.5, 2, 0.6));
    assertThat(ends.get(0).outcome().bestEpoch()).isEqualTo(1);
    assertThat(ends.get(0).outcome().bestScore()).isEqualTo(0.5);
  }

  @Test
  void dl4jGraphMinibatchFitsOfEveryKindCountOnceAndMakeAnImplicitRun() {
    ComputationGraph graph = new ComputationGraph();
    DataSet trainingSet = new DataSet() {};
    for (int i = 0; i < 3; i++) {
      graph.fit(trainingSet);
    }
    assertThat(events)
        .containsExactly(
            "run 1 start dl4j planned=-1 implicit",
            "run 1 epoch 0 completed batches=1",
            "run 1 epoch 1 completed batches=1");
    assertThat(graph.getIterationCount()).isEqualTo(3);
  }

  @Test
  void dl4jGraphFitWithEpochsIsOneRun() {
    ComputationGraph graph = new ComputationGraph();
    graph.fit((MultiDataSetIterator) () -> 3, 2);
    assertThat(events)
        .containsExactly(
            "run 1 start dl4j planned=2",
            "run 1 epoch 0 completed batches=3",
            "run 1 epoch 1 completed batches=3",
            "run 1 end completed");
  }

  @Test
  void everyBuiltInUnitFoundAllItsMethodsOnTheDoubles() {
    assertThat(skipped).isEmpty();
  }

  @Test
  void withoutARegisteredLifecycleTheTrainingRunsUntouched() {
    TrainingBridge.register(null);
    MultiLayerNetwork net = new MultiLayerNetwork();
    net.fit((DataSetIterator) () -> 3, 2);
    assertThat(net.getIterationCount()).isEqualTo(6);
    assertThat(events).isEmpty();
  }
}
