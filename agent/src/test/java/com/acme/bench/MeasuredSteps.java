package com.acme.bench;

/**
 * The training step the advice benchmark instruments through {@code jouletrace.targets}; {@link
 * PlainSteps} is the same code left alone. It lives outside {@code dev.jouletrace}, which the
 * installer never transforms.
 */
public class MeasuredSteps {
  private long state = 1;

  /** A step of a few nanoseconds, so the advice's cost is not hidden behind the step's own. */
  public long step() {
    state = state * 6364136223846793005L + 1442695040888963407L;
    return state;
  }
}
