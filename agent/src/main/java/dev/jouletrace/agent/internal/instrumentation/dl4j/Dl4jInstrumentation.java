package dev.jouletrace.agent.internal.instrumentation.dl4j;

import static dev.jouletrace.agent.internal.instrumentation.Hook.BATCH_ITERATION_START;
import static dev.jouletrace.agent.internal.instrumentation.Hook.BATCH_SOLVER;
import static dev.jouletrace.agent.internal.instrumentation.Hook.BATCH_WORKER;
import static dev.jouletrace.agent.internal.instrumentation.Hook.DATA_FIT_ON_THIS;
import static dev.jouletrace.agent.internal.instrumentation.Hook.EPOCH_BEGINS_ON_FIRST_ARGUMENT;
import static dev.jouletrace.agent.internal.instrumentation.Hook.EPOCH_COUNTED;
import static dev.jouletrace.agent.internal.instrumentation.Hook.EPOCH_ENDS_ON_FIRST_ARGUMENT;
import static dev.jouletrace.agent.internal.instrumentation.Hook.EPOCH_ON_MODEL_FIELD;
import static dev.jouletrace.agent.internal.instrumentation.Hook.EPOCH_ON_THIS;
import static dev.jouletrace.agent.internal.instrumentation.Hook.EPOCH_TRIGGER;
import static dev.jouletrace.agent.internal.instrumentation.Hook.RUN_EARLY_STOPPING;
import static dev.jouletrace.agent.internal.instrumentation.Hook.RUN_ON_THIS;
import static dev.jouletrace.agent.internal.instrumentation.Hook.VALIDATION_SCORED;

import dev.jouletrace.agent.internal.instrumentation.Accessor;
import dev.jouletrace.agent.internal.instrumentation.Target;
import dev.jouletrace.agent.internal.instrumentation.TrainingInstrumentation;
import dev.jouletrace.agent.internal.instrumentation.advice.Fields;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy.EpochStart;
import java.util.List;

/**
 * DeepLearning4j: every target in one place. The run is {@code fit(iterator, epochs)} or an
 * early-stopping trainer's {@code fit}; the epoch is the one method that really runs it ({@code
 * MultiLayerNetwork.fit(DataSetIterator)}, {@code ComputationGraph.fit(MultiDataSetIterator)}, the
 * other overloads delegate to it), an early-stopping epoch trigger, a {@code ParallelWrapper.fit},
 * or in a hand-written minibatch loop the call to {@code incrementEpochCount()}. Every minibatch of
 * every network goes through {@code Solver.optimize}, which counts batches and their loss; the
 * minibatch {@code fit} overloads are deliberately not targets, so they never make epochs.
 *
 * <p>Framework facts relied on: overloads and delegation {@code docs/FRAMEWORKS.md §1}, {@code §2};
 * the epoch counter {@code §3}; {@code Solver.optimize} and its {@code model} field, {@code
 * score()}, {@code batchSize()} {@code §4}.
 */
public final class Dl4jInstrumentation {
  static final String FRAMEWORK = "dl4j";
  private static final String MLN = "org.deeplearning4j.nn.multilayer.MultiLayerNetwork";
  private static final String GRAPH = "org.deeplearning4j.nn.graph.ComputationGraph";
  private static final String DSI = "org.nd4j.linalg.dataset.api.iterator.DataSetIterator";
  private static final String MDSI = "org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator";
  private static final String EARLY_STOPPING =
      "org.deeplearning4j.earlystopping.trainer.BaseEarlyStoppingTrainer";
  private static final String PARALLEL_WRAPPER = "org.deeplearning4j.parallelism.ParallelWrapper";
  private static final String PARALLEL_WORKER =
      "org.deeplearning4j.parallelism.trainer.DefaultTrainer";
  private static final String SOLVER = "org.deeplearning4j.optimize.Solver";
  private static final String SAME_DIFF = "org.nd4j.autodiff.samediff.SameDiff";
  private static final String SAME_DIFF_EVALUATION_LISTENER =
      "org.nd4j.autodiff.listeners.BaseEvaluationListener";
  private static final String SAME_DIFF_AT = "org.nd4j.autodiff.listeners.At";
  private static final String MODEL = "org.deeplearning4j.nn.api.Model";
  private static final String DATA_SET = "org.nd4j.linalg.dataset.api.DataSet";
  private static final String MULTI_DATA_SET = "org.nd4j.linalg.dataset.api.MultiDataSet";
  private static final String ND_ARRAY = "org.nd4j.linalg.api.ndarray.INDArray";
  private static final String ES_CONFIGURATION =
      "org.deeplearning4j.earlystopping.EarlyStoppingConfiguration";
  private static final String MAX_EPOCHS_CONDITION =
      "org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition";
  private static final String SCORE_CALCULATOR =
      "org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator";
  private static final String BASE_SCORE_CALCULATOR =
      "org.deeplearning4j.earlystopping.scorecalc.base.BaseScoreCalculator";
  private static final String BASE_EVALUATION_SCORE_CALCULATOR =
      "org.deeplearning4j.earlystopping.scorecalc.base.BaseIEvaluationScoreCalculator";
  private static final String GRAPH_LOSS_CALCULATOR =
      "org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculatorCG";
  private static final String PARALLEL_EARLY_STOPPING =
      "org.deeplearning4j.parallelism.EarlyStoppingParallelTrainer";
  private static final String LOSS_CURVE = "org.nd4j.autodiff.listeners.records.LossCurve";
  private static final String SAME_DIFF_BASE_LISTENER = "org.nd4j.autodiff.listeners.BaseListener";
  private static final String EARLY_STOPPING_RESULT =
      "org.deeplearning4j.earlystopping.EarlyStoppingResult";

  /** SameDiff's minibatch fit takes ND4J's DataSet class, not the interface networks take. */
  private static final String CONCRETE_DATA_SET = "org.nd4j.linalg.dataset.DataSet";

  private static final String LISTENERS = "org.nd4j.autodiff.listeners.Listener[]";
  private static final String SAME_DIFF_CONFIG = "org.nd4j.autodiff.samediff.TrainingConfig";

  // What Dl4jProgress and the advice read by name, declared once with the units that read them.
  static final Accessor MLN_ITERATIONS = Accessor.method(MLN, "getIterationCount");
  static final Accessor GRAPH_ITERATIONS = Accessor.method(GRAPH, "getIterationCount");
  static final Accessor SCORE = Accessor.method(MODEL, "score");
  static final Accessor BATCH_SIZE = Accessor.method(MODEL, "batchSize");
  static final Accessor SOLVER_MODEL = Accessor.field(SOLVER, Fields.MODEL);
  static final Accessor EARLY_STOPPING_MODEL = Accessor.field(EARLY_STOPPING, Fields.MODEL);
  static final Accessor TERMINATION_REASON =
      Accessor.method(EARLY_STOPPING_RESULT, "getTerminationReason");
  static final Accessor TERMINATION_DETAILS =
      Accessor.method(EARLY_STOPPING_RESULT, "getTerminationDetails");
  static final Accessor BEST_MODEL_EPOCH =
      Accessor.method(EARLY_STOPPING_RESULT, "getBestModelEpoch");
  static final Accessor BEST_MODEL_SCORE =
      Accessor.method(EARLY_STOPPING_RESULT, "getBestModelScore");
  static final Accessor SCORE_VS_EPOCH = Accessor.method(EARLY_STOPPING_RESULT, "getScoreVsEpoch");
  static final Accessor WRAPPER_MODEL = Accessor.field(PARALLEL_WRAPPER, Fields.MODEL);
  static final Accessor WORKER_MODEL = Accessor.field(PARALLEL_WORKER, Fields.ORIGINAL_MODEL);
  static final Accessor WORKER_REPLICA = Accessor.field(PARALLEL_WORKER, Fields.REPLICATED_MODEL);
  static final Accessor DATASET_ROWS = Accessor.method(DATA_SET, "numExamples");
  static final Accessor SAME_DIFF_TRAINING_CONFIG = Accessor.method(SAME_DIFF, "getTrainingConfig");
  static final Accessor SAME_DIFF_ITERATIONS =
      Accessor.method(SAME_DIFF_CONFIG, "getIterationCount");
  static final Accessor EARLY_STOPPING_CONFIG = Accessor.field(EARLY_STOPPING, Fields.ES_CONFIG);
  static final Accessor EPOCH_CONDITIONS =
      Accessor.method(ES_CONFIGURATION, "getEpochTerminationConditions");
  static final Accessor EVALUATE_EVERY =
      Accessor.method(ES_CONFIGURATION, "getEvaluateEveryNEpochs");
  static final Accessor MAX_EPOCHS = Accessor.method(MAX_EPOCHS_CONDITION, "getMaxEpochs");
  static final Accessor TOTAL_EPOCHS = Accessor.method(EARLY_STOPPING_RESULT, "getTotalEpochs");
  static final Accessor MINIMIZE_SCORE = Accessor.method(SCORE_CALCULATOR, "minimizeScore");
  static final Accessor PARALLEL_ES_MODEL = Accessor.field(PARALLEL_EARLY_STOPPING, Fields.MODEL);
  static final Accessor PARALLEL_ES_CONFIG =
      Accessor.field(PARALLEL_EARLY_STOPPING, Fields.ES_CONFIG);
  static final Accessor FEATURES = Accessor.method(MULTI_DATA_SET, "getFeatures", "int");
  static final Accessor SIZE = Accessor.method(ND_ARRAY, "size", "int");
  static final Accessor LAST_MEAN_LOSS = Accessor.method(LOSS_CURVE, "lastMeanLoss");
  static final Accessor TOTAL_LOSS =
      Accessor.method("org.nd4j.autodiff.listeners.Loss", "totalLoss");

  private Dl4jInstrumentation() {}

  public static List<TrainingInstrumentation> all() {
    return List.of(
        multiLayerNetwork(),
        computationGraph(),
        solver(),
        earlyStopping(),
        parallelWrapper(),
        sameDiff());
  }

  /** Run, epoch and minibatch overloads: {@code docs/FRAMEWORKS.md §1}, {@code §3}. */
  public static TrainingInstrumentation multiLayerNetwork() {
    return unit(
        "dl4j-multilayer",
        List.of(MLN_ITERATIONS, SCORE),
        Target.of(MLN, "fit", DATA_FIT_ON_THIS, DATA_SET),
        Target.of(MLN, "fit", DATA_FIT_ON_THIS, ND_ARRAY, ND_ARRAY),
        Target.of(MLN, "fit", RUN_ON_THIS, DSI, "int"),
        Target.of(MLN, "fit", RUN_ON_THIS, MDSI, "int"),
        Target.of(MLN, "fit", EPOCH_ON_THIS, DSI),
        Target.of(MLN, "incrementEpochCount", EPOCH_COUNTED));
  }

  /** Run, epoch and minibatch overloads: {@code docs/FRAMEWORKS.md §2}, {@code §3}. */
  public static TrainingInstrumentation computationGraph() {
    return unit(
        "dl4j-graph",
        List.of(GRAPH_ITERATIONS, SCORE),
        Target.of(GRAPH, "fit", DATA_FIT_ON_THIS, DATA_SET),
        Target.of(GRAPH, "fit", DATA_FIT_ON_THIS, MULTI_DATA_SET),
        Target.of(GRAPH, "fit", DATA_FIT_ON_THIS, ND_ARRAY + "[]", ND_ARRAY + "[]"),
        Target.of(GRAPH, "fit", RUN_ON_THIS, DSI, "int"),
        Target.of(GRAPH, "fit", RUN_ON_THIS, MDSI, "int"),
        Target.of(GRAPH, "fit", EPOCH_ON_THIS, MDSI),
        Target.of(GRAPH, "incrementEpochCount", EPOCH_COUNTED));
  }

  /**
   * Batches and their loss, for every network however it is driven ({@code docs/FRAMEWORKS.md §4}).
   */
  public static TrainingInstrumentation solver() {
    return unit(
        "dl4j-solver",
        List.of(SOLVER_MODEL, SCORE, BATCH_SIZE),
        Target.of(
            SOLVER, "optimize", BATCH_SOLVER, "org.deeplearning4j.nn.workspace.LayerWorkspaceMgr"));
  }

  /**
   * {@code EarlyStoppingTrainer} and {@code EarlyStoppingGraphTrainer}: the run, its planned epochs
   * (from its {@code MaxEpochsTerminationCondition}), its epochs, and the score calculators DL4J
   * ships (their three bases), whose pass over held-out data after each epoch is that epoch's
   * validation window and whose score its validation figure.
   *
   * <p>Facts: the loop order and the triggers {@code docs/FRAMEWORKS.md §5}; the result {@code §6};
   * {@code MaxEpochsTerminationCondition} and {@code evaluateEveryNEpochs} {@code §7}; the
   * calculator bases and {@code minimizeScore()} {@code §8}.
   */
  public static TrainingInstrumentation earlyStopping() {
    return unit(
        "dl4j-early-stopping",
        List.of(
            EARLY_STOPPING_MODEL,
            EARLY_STOPPING_CONFIG,
            EPOCH_CONDITIONS,
            EVALUATE_EVERY,
            MAX_EPOCHS,
            MINIMIZE_SCORE,
            TERMINATION_REASON,
            TERMINATION_DETAILS,
            BEST_MODEL_EPOCH,
            BEST_MODEL_SCORE,
            SCORE_VS_EPOCH,
            TOTAL_EPOCHS),
        Target.of(EARLY_STOPPING, "fit", RUN_EARLY_STOPPING, "boolean"),
        Target.of(BASE_SCORE_CALCULATOR, "calculateScore", VALIDATION_SCORED, MODEL),
        Target.of(BASE_EVALUATION_SCORE_CALCULATOR, "calculateScore", VALIDATION_SCORED, MODEL),
        Target.of(GRAPH_LOSS_CALCULATOR, "calculateScore", VALIDATION_SCORED, GRAPH),
        Target.of(
            EARLY_STOPPING,
            "triggerEpochListeners",
            EPOCH_TRIGGER,
            "boolean",
            "org.deeplearning4j.nn.api.Model",
            "int"));
  }

  /**
   * {@code ParallelWrapper.fit(iterator)} is one epoch across the workers; the workers train
   * replicas, so their batches are counted for the wrapped network. Facts: the wrapper and its
   * workers ({@code originalModel}, {@code replicatedModel}, worker 0) {@code docs/FRAMEWORKS.md
   * §10}; {@code EarlyStoppingParallelTrainer} {@code §9}.
   */
  public static TrainingInstrumentation parallelWrapper() {
    return unit(
        "dl4j-parallel-wrapper",
        List.of(
            WRAPPER_MODEL,
            WORKER_MODEL,
            WORKER_REPLICA,
            DATASET_ROWS,
            PARALLEL_ES_MODEL,
            PARALLEL_ES_CONFIG,
            EPOCH_CONDITIONS,
            EVALUATE_EVERY,
            MAX_EPOCHS,
            TERMINATION_REASON,
            TOTAL_EPOCHS),
        // the early-stopping trainer that drives ParallelWrapper: a run like the local one
        Target.of(PARALLEL_EARLY_STOPPING, "fit", RUN_EARLY_STOPPING),
        Target.of(PARALLEL_WRAPPER, "fit", EPOCH_ON_MODEL_FIELD, DSI),
        Target.of(PARALLEL_WRAPPER, "fit", EPOCH_ON_MODEL_FIELD, MDSI),
        Target.of(PARALLEL_WORKER, "fit", BATCH_WORKER, "org.nd4j.linalg.dataset.api.DataSet"),
        Target.of(
            PARALLEL_WORKER, "fit", BATCH_WORKER, "org.nd4j.linalg.dataset.api.MultiDataSet"));
  }

  /**
   * SameDiff's own training loop. The run is {@code fitHelper}; its epochs are visible only to
   * listeners, and {@code fitHelper} always adds its own {@code HistoryListener}, whose {@code
   * epochStart}/{@code epochEnd} are the final methods of {@code BaseEvaluationListener}. Other
   * listeners on that base announce the same epoch again, which the lifecycle ignores. Facts:
   * {@code docs/FRAMEWORKS.md §11}.
   */
  public static TrainingInstrumentation sameDiff() {
    return unit(
        "dl4j-samediff",
        List.of(
            SAME_DIFF_TRAINING_CONFIG,
            SAME_DIFF_ITERATIONS,
            FEATURES,
            SIZE,
            LAST_MEAN_LOSS,
            TOTAL_LOSS),
        // sameDiff.fit(dataSet) in a loop: minibatch fits, not a run each
        Target.of(SAME_DIFF, "fit", DATA_FIT_ON_THIS, CONCRETE_DATA_SET, LISTENERS),
        Target.of(SAME_DIFF, "fit", DATA_FIT_ON_THIS, MULTI_DATA_SET, LISTENERS),
        // every iteration, told to the HistoryListener fitHelper always puts first
        Target.of(
            SAME_DIFF_BASE_LISTENER,
            "iterationStart",
            BATCH_ITERATION_START,
            SAME_DIFF,
            SAME_DIFF_AT,
            MULTI_DATA_SET,
            "long"),
        Target.of(
            SAME_DIFF,
            "fitHelper",
            RUN_ON_THIS,
            MDSI,
            "int",
            "boolean",
            MDSI,
            "int",
            "java.util.List"),
        Target.of(
            SAME_DIFF_EVALUATION_LISTENER,
            "epochStart",
            EPOCH_BEGINS_ON_FIRST_ARGUMENT,
            SAME_DIFF,
            SAME_DIFF_AT),
        Target.of(
            SAME_DIFF_EVALUATION_LISTENER,
            "epochEnd",
            EPOCH_ENDS_ON_FIRST_ARGUMENT,
            SAME_DIFF,
            SAME_DIFF_AT,
            "org.nd4j.autodiff.listeners.records.LossCurve",
            "long"));
  }

  private static TrainingInstrumentation unit(
      String name, List<Accessor> accessors, Target... targets) {
    return new TrainingInstrumentation(
        name,
        FRAMEWORK,
        List.of(targets),
        accessors,
        new FrameworkPolicy(new Dl4jProgress(), EpochStart.AT_EPOCH_CALL),
        TrainingInstrumentation.Checking.WHOLE_UNIT);
  }
}
