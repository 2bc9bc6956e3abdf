package dev.jouletrace.probe;

import java.util.Objects;

/** What discovery found for one probe: usable or not, what it measures, and how to fix it. */
public final class ProbeStatus {

  /** Outcome of trying a probe. */
  public enum State {
    OK("ok"),
    ABSENT("absent"),
    PERMISSION_DENIED("permission denied"),
    UNSUPPORTED("unsupported"),
    ERROR("error");

    private final String label;

    State(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final String probe;
  private final State state;
  private final String measures;
  private final String detail;
  private final String remedy;

  private ProbeStatus(String probe, State state, String measures, String detail, String remedy) {
    this.probe = Objects.requireNonNull(probe, "probe");
    this.state = Objects.requireNonNull(state, "state");
    this.measures = Objects.requireNonNull(measures, "measures");
    this.detail = Objects.requireNonNull(detail, "detail");
    this.remedy = Objects.requireNonNull(remedy, "remedy");
  }

  /**
   * @param measures what this probe would measure, e.g. "CPU package and DRAM energy (RAPL)"
   * @param detail what was found, e.g. the path that could not be read and why
   * @param remedy what the user can do; empty when nothing needs doing
   */
  public static ProbeStatus of(
      String probe, State state, String measures, String detail, String remedy) {
    return new ProbeStatus(probe, state, measures, detail, remedy);
  }

  public String probe() {
    return probe;
  }

  public State state() {
    return state;
  }

  public String measures() {
    return measures;
  }

  public String detail() {
    return detail;
  }

  public String remedy() {
    return remedy;
  }

  public boolean isOk() {
    return state == State.OK;
  }

  @Override
  public String toString() {
    return probe
        + ": "
        + state.label()
        + " - "
        + detail
        + (remedy.isEmpty() ? "" : " (" + remedy + ")");
  }
}
