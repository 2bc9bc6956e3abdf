package dev.jouletrace.agent.internal;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's few messages to the user, on standard error with a {@code [jouletrace]} prefix. Each
 * distinct warning is printed once, however often its cause repeats.
 */
public final class AgentLog {
  private static final String PREFIX = "[jouletrace] ";
  private static final Set<String> warned = ConcurrentHashMap.newKeySet();
  private static volatile PrintStream out = System.err;
  private static volatile boolean debug;

  private AgentLog() {}

  public static void setDebug(boolean enabled) {
    debug = enabled;
  }

  public static boolean debugEnabled() {
    return debug;
  }

  public static void info(String message) {
    out.println(PREFIX + message);
  }

  /** Prints {@code message} unless the same text was printed before. */
  public static void warn(String message) {
    if (warned.add(message)) {
      out.println(PREFIX + "WARNING: " + message);
    }
  }

  /** An internal failure: one line, once per kind, and the training goes on. */
  public static void internalError(String where, Throwable t) {
    String key = where + ":" + t.getClass().getName();
    if (warned.add(key)) {
      out.println(
          PREFIX
              + "internal error in "
              + where
              + " ("
              + t
              + "); the training is unaffected,"
              + " figures may be incomplete. Please report it with -Djouletrace.debug=true output.");
      if (debug) {
        t.printStackTrace(out);
      }
    }
  }

  public static void debug(String message) {
    if (debug) {
      out.println(PREFIX + "debug: " + message);
    }
  }
}
