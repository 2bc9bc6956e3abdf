package dev.jouletrace.samples.bench;

import java.lang.management.ManagementFactory;

/**
 * Prints how long the JVM ran before {@code main} was entered, {@code uptime-at-main <milliseconds>
 * ms} ({@code RuntimeMXBean.getUptime()}, millisecond resolution): with {@code -javaagent} this
 * includes the agent's {@code premain}.
 */
public final class TimeToMain {
  private TimeToMain() {}

  public static void main(String[] args) {
    long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
    System.out.println("uptime-at-main " + uptimeMillis + " ms");
  }
}
