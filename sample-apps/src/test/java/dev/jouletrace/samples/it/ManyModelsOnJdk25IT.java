package dev.jouletrace.samples.it;

/** Eight models at once, the fork on JDK 25. */
class ManyModelsOnJdk25IT extends ManyModelsIT {
  @Override
  ForkedJvm onJdk(ForkedJvm fork) {
    return OtherJdk.on(fork);
  }
}
