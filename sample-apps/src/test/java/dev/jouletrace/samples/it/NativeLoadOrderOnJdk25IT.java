package dev.jouletrace.samples.it;

/** No late library load by another thread, the fork on JDK 25. */
class NativeLoadOrderOnJdk25IT extends NativeLoadOrderIT {
  @Override
  ForkedJvm onJdk(ForkedJvm fork) {
    return OtherJdk.on(fork);
  }
}
