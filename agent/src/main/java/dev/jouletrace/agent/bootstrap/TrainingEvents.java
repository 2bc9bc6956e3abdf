package dev.jouletrace.agent.bootstrap;

/**
 * What the training lifecycle hears from the advice. Implemented inside the agent's isolated class
 * loader; declared here, on the bootstrap path, so inlined advice in any class loader can reach it
 * through {@link TrainingBridge}. Implementations never throw. The per-batch methods allocate
 * nothing.
 */
public interface TrainingEvents {

  /**
   * A run-level call began (DL4J {@code fit(iterator, epochs)}, DJL {@code EasyTrain.fit}).
   *
   * @param plannedEpochs epochs asked for, or -1 when the call does not say
   * @return whether this call opened the run; nested or repeated calls return false
   */
  boolean runEnter(String framework, Object model, int plannedEpochs);

  /**
   * The run-level call that returned true from {@link #runEnter} ended, normally or not.
   *
   * @param result what the call returned (DL4J {@code EarlyStoppingResult}), or null
   */
  void runExit(Object model, Object result, Throwable thrown);

  /**
   * An epoch-level call began (DL4J {@code fit(iterator)}).
   *
   * @return whether this call opened the epoch; nested calls return false
   */
  boolean epochEnter(String framework, Object model);

  /** The epoch-level call that returned true from {@link #epochEnter} ended. */
  void epochExit(Object model, Throwable thrown);

  /**
   * The framework's epoch counter moved on outside an epoch call (DL4J {@code
   * incrementEpochCount()} in a hand-written minibatch loop): the batches since the last boundary
   * form one epoch.
   */
  void epochCounted(String framework, Object model);

  /** One training batch is about to run for the model (DJL {@code trainBatch}, DL4J Solver). */
  void batch(String framework, Object model);

  /**
   * The training batch of {@link #batch} finished; its loss and size may be read now.
   *
   * @param batch the framework's batch object where the advice has it (DJL {@code Batch}), or null
   */
  void batchEnd(Object model, Object batch);

  /** One optimizer step (DJL {@code Trainer.step}); counts as a batch where batches are unseen. */
  void step(String framework, Object model);

  /**
   * A batch ran on a worker thread for the model (DL4J ParallelWrapper).
   *
   * @param replica the replica of the model the worker trains (its own batches are not the
   *     model's), or null
   * @param data the worker's minibatch (its rows are counted), or null
   */
  void workerBatch(String framework, Object model, Object replica, Object data);

  /**
   * A minibatch fit began (DL4J {@code fit(DataSet)}, SameDiff {@code fit(DataSet)}): training that
   * may have no epoch call around it.
   *
   * @param data the data fitted, whose identity tells a new pass over the same data
   * @return whether the lifecycle follows this call (the outermost fit outside an epoch)
   */
  boolean dataFitEnter(String framework, Object model, Object data);

  /** The minibatch fit that returned true from {@link #dataFitEnter} ended. */
  void dataFitExit(Object model, Throwable thrown);

  /**
   * A DL4J early-stopping trainer's {@code fit} began: a run whose planned epochs the trainer's
   * configuration tells, and whose epochs end only when the next begins or the run ends (the
   * scoring after each epoch belongs to it).
   *
   * @return whether this call opened the run
   */
  boolean earlyStoppingRunEnter(String framework, Object model, Object trainer);

  /**
   * The validation pass that returned true from {@link #validationEnter} ended with a score (DL4J
   * early stopping's score calculator).
   */
  void validationScored(Object model, Object calculator, double score, Throwable thrown);

  /**
   * A training iteration begins, announced to a listener (ND4J SameDiff): counted once per
   * iteration, with the rows of its data.
   */
  void iterationStarted(String framework, Object model, Object listener, Object data);

  /**
   * An epoch-end callback that carries the framework's own summary of the epoch (SameDiff's loss
   * curve).
   */
  void epochExitWith(Object model, Object summary);

  /**
   * A validation pass began (DJL {@code EasyTrain.evaluateDataset}).
   *
   * @return whether this call opened the validation window
   */
  boolean validationEnter(String framework, Object model);

  /** The validation pass that returned true from {@link #validationEnter} ended. */
  void validationExit(Object model, Throwable thrown);

  /** One validation batch is about to run. */
  void validationBatch(String framework, Object model);

  /**
   * A DJL {@code Trainer} was constructed.
   *
   * @return the listener list to store in the trainer, with Jouletrace's probe listener first
   */
  Object trainerCreated(Object trainer, Object listeners);

  /** A DJL {@code Trainer.notifyListeners} dispatch ended; an epoch ends here if it was onEpoch. */
  void listenersNotified(Object trainer, Throwable thrown);

  /** The model's training lifetime ended (DJL {@code Trainer.close()}, also from finalize). */
  void trainingEnded(Object model);

  /**
   * A distributed epoch began on a cluster's driver (DL4J {@code SparkDl4jMultiLayer.fit(rdd)}): an
   * epoch as {@link #epochEnter}, which is also published to the tasks of the jobs this thread
   * starts.
   *
   * @param cluster the driver's handle on the cluster (Spark: the {@code JavaSparkContext})
   * @return whether this call opened the epoch; nested calls return false
   */
  boolean clusterEpochEnter(String framework, Object model, Object cluster);

  /** The distributed epoch that returned true from {@link #clusterEpochEnter} ended. */
  void clusterEpochExit(Object model, Object cluster, Throwable thrown);

  /**
   * An executor's worker function began training on its task's data (DL4J's {@code
   * ExecuteWorkerFlatMap.call}).
   *
   * @return the task window it opened, to hand to {@link #clusterTaskExit}; null for a nested call
   *     or when the thread runs no task
   */
  Object clusterTaskEnter(String framework, Object worker);

  /** The worker function that returned a window from {@link #clusterTaskEnter} ended. */
  void clusterTaskExit(Object window, Throwable thrown);
}
