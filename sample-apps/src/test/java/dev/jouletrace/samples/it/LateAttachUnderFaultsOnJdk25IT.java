package dev.jouletrace.samples.it;

import java.nio.file.Path;

/** Attach under faults, the training and the attach command on JDK 25. */
class LateAttachUnderFaultsOnJdk25IT extends LateAttachUnderFaultsIT {
  @Override
  Path javaHome() {
    return OtherJdk.home();
  }

  @Override
  ForkedJvm onJdk(ForkedJvm fork) {
    return OtherJdk.on(fork);
  }
}
