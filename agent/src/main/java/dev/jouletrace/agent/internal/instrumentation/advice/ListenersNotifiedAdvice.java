package dev.jouletrace.agent.internal.instrumentation.advice;

import dev.jouletrace.agent.bootstrap.TrainingBridge;
import net.bytebuddy.asm.Advice;

/**
 * DJL {@code Trainer.notifyListeners} exit, also when a listener threw (early stopping): the point
 * where an epoch's figures are final, after every listener's {@code onEpoch} ran ({@code
 * docs/FRAMEWORKS.md §14}, {@code §15}).
 */
public final class ListenersNotifiedAdvice {
  private ListenersNotifiedAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.This Object trainer, @Advice.Thrown Throwable thrown) {
    TrainingBridge.listenersNotified(trainer, thrown);
  }
}
