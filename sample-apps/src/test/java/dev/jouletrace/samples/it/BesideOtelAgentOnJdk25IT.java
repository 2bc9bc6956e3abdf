package dev.jouletrace.samples.it;

/** Both agents in one JVM again, on JDK 25. */
class BesideOtelAgentOnJdk25IT extends BesideOtelAgentIT {

  @Override
  ForkedJvm onJdk(ForkedJvm fork) {
    return OtherJdk.on(fork);
  }
}
