package com.acme.bench;

/** {@link MeasuredSteps} without instrumentation: the baseline of the advice benchmark. */
public class PlainSteps {
  private long state = 1;

  public long step() {
    state = state * 6364136223846793005L + 1442695040888963407L;
    return state;
  }
}
