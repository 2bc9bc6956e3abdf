package dev.jouletrace.samples.it;

import java.nio.file.Path;

/** The late attach again, training and attach command on JDK 25. */
class LateAttachOnJdk25IT extends LateAttachIT {

  @Override
  Path javaHome() {
    return OtherJdk.home();
  }

  @Override
  ForkedJvm onJdk(ForkedJvm fork) {
    return OtherJdk.on(fork);
  }
}
