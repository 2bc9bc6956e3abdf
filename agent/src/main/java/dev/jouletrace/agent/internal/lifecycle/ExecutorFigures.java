package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.ExecutorEnergy;
import dev.jouletrace.accounting.ExecutorTask;
import dev.jouletrace.probe.EnergyMethod;

/**
 * One task window's figures as the text an executor sends its driver through the cluster (a Spark
 * accumulator of strings: the driver reads them without any class of the agent's on Spark's side),
 * and read back. Written and read here only: {@code v1|run|epoch|executor|host|joules|method|
 * batches}; {@code joules} in {@link Double#toString}'s form, so the driver gets the very figure
 * the executor's span carries.
 */
public final class ExecutorFigures {
  private static final String VERSION = "v1";
  private static final char SEP = '|';

  /** A task's figures as read back: its driver run and epoch, and its executor's energy. */
  public static final class Received {
    public final int run;
    public final int epoch;
    public final ExecutorEnergy energy;

    Received(int run, int epoch, ExecutorEnergy energy) {
      this.run = run;
      this.epoch = epoch;
      this.energy = energy;
    }
  }

  private ExecutorFigures() {}

  static String encode(ExecutorTask t) {
    return VERSION
        + SEP
        + t.driver().run()
        + SEP
        + t.driver().epoch()
        + SEP
        + clean(t.executorId())
        + SEP
        + (t.host() == null ? "" : clean(t.host()))
        + SEP
        + t.energyJoules()
        + SEP
        + t.energy().method().label()
        + SEP
        + t.batches();
  }

  /** The figures in {@code text}, or null when it is not such a text. */
  public static Received decode(String text) {
    if (text == null) {
      return null;
    }
    String[] f = text.split("\\|", -1);
    if (f.length != 8 || !f[0].equals(VERSION)) {
      return null;
    }
    try {
      EnergyMethod method = method(f[6]);
      if (method == null) {
        return null;
      }
      return new Received(
          Integer.parseInt(f[1]),
          Integer.parseInt(f[2]),
          new ExecutorEnergy(
              f[3],
              f[4].isEmpty() ? null : f[4],
              Double.parseDouble(f[5]),
              method,
              1,
              Long.parseLong(f[7])));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static EnergyMethod method(String label) {
    for (EnergyMethod m : EnergyMethod.values()) {
      if (m.label().equals(label)) {
        return m;
      }
    }
    return null;
  }

  private static String clean(String s) {
    return s.replace(SEP, '_');
  }
}
