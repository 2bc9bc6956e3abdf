package dev.jouletrace.probe;

/** What part of the machine an energy domain covers. */
public enum DomainKind {
  CPU("cpu"),
  DRAM("dram"),
  GPU("gpu"),
  /** Whole platform (RAPL psys): used instead of, never added to, cpu and dram. */
  PSYS("psys");

  private final String label;

  DomainKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
