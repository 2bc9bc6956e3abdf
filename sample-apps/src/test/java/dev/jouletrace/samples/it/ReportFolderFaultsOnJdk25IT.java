package dev.jouletrace.samples.it;

/** The report folder's faults, the forks on JDK 25. */
class ReportFolderFaultsOnJdk25IT extends ReportFolderFaultsIT {
  @Override
  ForkedJvm onJdk(ForkedJvm fork) {
    return OtherJdk.on(fork);
  }
}
