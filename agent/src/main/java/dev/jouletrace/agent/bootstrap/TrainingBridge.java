package dev.jouletrace.agent.bootstrap;

/**
 * The only class that advice calls. It sits on the bootstrap class path so that advice inlined into
 * DJL and DL4J classes resolves it from any class loader; until the agent registers its {@link
 * TrainingEvents}, and if start-up failed, every method does nothing. See {@link TrainingEvents}
 * for what each event means.
 */
public final class TrainingBridge {
  private static volatile TrainingEvents events;

  private TrainingBridge() {}

  /** Called once by the agent when its lifecycle is ready; {@code null} switches the bridge off. */
  public static void register(TrainingEvents registered) {
    events = registered;
  }

  public static boolean runEnter(String framework, Object model, int plannedEpochs) {
    TrainingEvents e = events;
    return e != null && e.runEnter(framework, model, plannedEpochs);
  }

  public static void runExit(Object model, Object result, Throwable thrown) {
    TrainingEvents e = events;
    if (e != null) {
      e.runExit(model, result, thrown);
    }
  }

  public static boolean epochEnter(String framework, Object model) {
    TrainingEvents e = events;
    return e != null && e.epochEnter(framework, model);
  }

  public static void epochExit(Object model, Throwable thrown) {
    TrainingEvents e = events;
    if (e != null) {
      e.epochExit(model, thrown);
    }
  }

  public static void epochCounted(String framework, Object model) {
    TrainingEvents e = events;
    if (e != null) {
      e.epochCounted(framework, model);
    }
  }

  public static void batch(String framework, Object model) {
    TrainingEvents e = events;
    if (e != null) {
      e.batch(framework, model);
    }
  }

  public static void batchEnd(Object model, Object batch) {
    TrainingEvents e = events;
    if (e != null) {
      e.batchEnd(model, batch);
    }
  }

  public static void step(String framework, Object model) {
    TrainingEvents e = events;
    if (e != null) {
      e.step(framework, model);
    }
  }

  public static void workerBatch(String framework, Object model, Object replica, Object data) {
    TrainingEvents e = events;
    if (e != null) {
      e.workerBatch(framework, model, replica, data);
    }
  }

  public static boolean dataFitEnter(String framework, Object model, Object data) {
    TrainingEvents e = events;
    return e != null && e.dataFitEnter(framework, model, data);
  }

  public static void dataFitExit(Object model, Throwable thrown) {
    TrainingEvents e = events;
    if (e != null) {
      e.dataFitExit(model, thrown);
    }
  }

  public static boolean earlyStoppingRunEnter(String framework, Object model, Object trainer) {
    TrainingEvents e = events;
    return e != null && e.earlyStoppingRunEnter(framework, model, trainer);
  }

  public static void validationScored(
      Object model, Object calculator, double score, Throwable thrown) {
    TrainingEvents e = events;
    if (e != null) {
      e.validationScored(model, calculator, score, thrown);
    }
  }

  public static void iterationStarted(
      String framework, Object model, Object listener, Object data) {
    TrainingEvents e = events;
    if (e != null) {
      e.iterationStarted(framework, model, listener, data);
    }
  }

  public static void epochExitWith(Object model, Object summary) {
    TrainingEvents e = events;
    if (e != null) {
      e.epochExitWith(model, summary);
    }
  }

  public static boolean validationEnter(String framework, Object model) {
    TrainingEvents e = events;
    return e != null && e.validationEnter(framework, model);
  }

  public static void validationExit(Object model, Throwable thrown) {
    TrainingEvents e = events;
    if (e != null) {
      e.validationExit(model, thrown);
    }
  }

  public static void validationBatch(String framework, Object model) {
    TrainingEvents e = events;
    if (e != null) {
      e.validationBatch(framework, model);
    }
  }

  public static Object trainerCreated(Object trainer, Object listeners) {
    TrainingEvents e = events;
    return e == null ? listeners : e.trainerCreated(trainer, listeners);
  }

  public static void listenersNotified(Object trainer, Throwable thrown) {
    TrainingEvents e = events;
    if (e != null) {
      e.listenersNotified(trainer, thrown);
    }
  }

  public static void trainingEnded(Object model) {
    TrainingEvents e = events;
    if (e != null) {
      e.trainingEnded(model);
    }
  }

  public static boolean clusterEpochEnter(String framework, Object model, Object cluster) {
    TrainingEvents e = events;
    return e != null && e.clusterEpochEnter(framework, model, cluster);
  }

  public static void clusterEpochExit(Object model, Object cluster, Throwable thrown) {
    TrainingEvents e = events;
    if (e != null) {
      e.clusterEpochExit(model, cluster, thrown);
    }
  }

  public static Object clusterTaskEnter(String framework, Object worker) {
    TrainingEvents e = events;
    return e == null ? null : e.clusterTaskEnter(framework, worker);
  }

  public static void clusterTaskExit(Object window, Throwable thrown) {
    TrainingEvents e = events;
    if (e != null && window != null) {
      e.clusterTaskExit(window, thrown);
    }
  }
}
