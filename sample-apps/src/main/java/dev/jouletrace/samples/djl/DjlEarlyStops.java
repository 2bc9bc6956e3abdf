package dev.jouletrace.samples.djl;

import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.listener.EarlyStoppingListener;
import ai.djl.translate.TranslateException;
import dev.jouletrace.samples.djl.DjlMlp.Setup;
import java.io.IOException;

/**
 * The {@link DjlMlp} modes stopped by DJL's {@code EarlyStoppingListener}, which DJL 0.20.0 does
 * not have: in a class of their own, so that {@link DjlMlp} and its other modes load on every DJL
 * version the README claims.
 */
final class DjlEarlyStops {
  private DjlEarlyStops() {}

  /**
   * {@code manual-early-stop}: the hand-written loop, stopped after epoch 1 by the listener
   * throwing out of the {@code onEpoch} dispatch.
   */
  static void manualLoop(Setup setup) throws IOException, TranslateException {
    try (Trainer trainer = setup.newTrainer(stopAfterSecondEpoch())) {
      DjlMlp.epochs(trainer, setup);
    } catch (EarlyStoppingListener.EarlyStoppedException stopped) {
      System.out.printf("DjlMlp stopped early after %d epochs%n", stopped.getStopEpoch());
    }
  }

  /**
   * {@code early-stop}: {@code EasyTrain.fit} stopped after epoch 1 (index 1, so two epochs) by the
   * listener throwing {@link EarlyStoppingListener.EarlyStoppedException}.
   */
  static void easyTrain(Setup setup) throws IOException, TranslateException {
    try (Trainer trainer = setup.newTrainer(stopAfterSecondEpoch())) {
      EasyTrain.fit(trainer, setup.args().epochs(), setup.train(), setup.validate());
    } catch (EarlyStoppingListener.EarlyStoppedException stopped) {
      System.out.printf(
          "DjlMlp stopped early after %d epochs: %s%n",
          stopped.getStopEpoch(), stopped.getMessage());
    }
  }

  /**
   * An improvement threshold above 100 % can never be met, so training stops as soon as the
   * listener may stop it: at the end of the epoch with index 1 (minEpochs counts completed epochs).
   */
  private static EarlyStoppingListener stopAfterSecondEpoch() {
    return EarlyStoppingListener.builder()
        .optMinEpochs(2)
        .optEpochPatience(1)
        .optEarlyStopPctImprovement(1000)
        .build();
  }
}
