package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.FrameworkOutcome;
import dev.jouletrace.accounting.RunStatus;

/**
 * What a framework says about how a run ended (DL4J {@code EarlyStoppingResult}): a status and its
 * own account (best epoch, validation scores, reason).
 */
public final class RunOutcome {
  /** Null to keep the status that follows from how the run call ended. */
  public final RunStatus status;

  public final FrameworkOutcome account;

  /** The epochs the framework counts as trained (DL4J's {@code totalEpochs}), or -1. */
  public final int frameworkEpochs;

  public RunOutcome(RunStatus status, FrameworkOutcome account) {
    this(status, account, -1);
  }

  public RunOutcome(RunStatus status, FrameworkOutcome account, int frameworkEpochs) {
    this.status = status;
    this.account = account;
    this.frameworkEpochs = frameworkEpochs;
  }
}
