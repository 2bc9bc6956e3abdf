package dev.jouletrace.samples.it;

/** A JVM ended mid-epoch, the forks on JDK 25. */
class ExitShapesOnJdk25IT extends ExitShapesIT {
  @Override
  ForkedJvm onJdkOnly(ForkedJvm fork) {
    return OtherJdk.on(fork);
  }
}
