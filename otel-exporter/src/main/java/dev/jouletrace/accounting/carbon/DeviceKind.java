package dev.jouletrace.accounting.carbon;

/** What a measured device is, for embodied emissions. */
enum DeviceKind {
  /** A CPU package: stands for the server it sits in. */
  CPU,
  /** A GPU card (or a share of one, e.g. a MIG slice). */
  GPU
}
