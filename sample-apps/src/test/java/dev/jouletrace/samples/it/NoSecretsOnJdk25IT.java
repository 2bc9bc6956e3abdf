package dev.jouletrace.samples.it;

/** No secrets, no socket, no child process: the fork on JDK 25. */
class NoSecretsOnJdk25IT extends NoSecretsIT {
  @Override
  ForkedJvm onJdk(ForkedJvm fork) {
    return OtherJdk.on(fork);
  }
}
