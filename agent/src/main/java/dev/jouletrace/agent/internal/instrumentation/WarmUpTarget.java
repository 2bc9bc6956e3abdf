package dev.jouletrace.agent.internal.instrumentation;

/**
 * Never loaded: its class file is woven once in the background while the agent starts ({@link
 * InstrumentationInstaller.Prepared#weaveAhead}) when no framework target is found to weave ahead,
 * so that the classes Byte Buddy needs to weave are loaded and initialised there, not on the
 * training thread when the first framework class loads.
 */
final class WarmUpTarget {
  private int calls;

  private WarmUpTarget() {}

  void run() {
    calls++;
  }

  void epoch() {
    calls++;
  }

  void step() {
    calls++;
  }

  void validate() {
    calls++;
  }
}
