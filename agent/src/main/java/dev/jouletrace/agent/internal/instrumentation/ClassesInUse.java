package dev.jouletrace.agent.internal.instrumentation;

import java.util.HashMap;
import java.util.Map;

/**
 * Which parts of a framework a training already uses, from the classes loaded so far: what decides
 * which targets are woven ahead ({@link InstrumentationInstaller.Prepared#weaveAhead}). Weaving a
 * class that never loads is work for nothing (SameDiff's class alone takes tens of milliseconds),
 * so a target counts as about to be used only when its neighbourhood is:
 *
 * <ul>
 *   <li>where the target's package sits at least three levels deep ({@code
 *       org.deeplearning4j.nn.multilayer}), when at least {@link #NEIGHBOURS} classes under its
 *       parent package are loaded ({@code org.deeplearning4j.nn.conf.*}, {@code
 *       org.deeplearning4j.nn.api.*}: a network is being configured; one class of {@code
 *       org.nd4j.autodiff.functions}, which every ND4J program loads, does not make SameDiff used);
 *   <li>otherwise, when a class of the target's own package or below it is loaded ({@code
 *       org.deeplearning4j.optimize.api.*} for the solver; nothing of {@code
 *       org.deeplearning4j.parallelism} in a program that does not use parallel training).
 * </ul>
 */
public final class ClassesInUse {
  /**
   * Loaded classes under a parent package that show its area in use: two, since the weaving ahead
   * must start early (a DL4J training has loaded only a few classes of its configuration then).
   */
  static final int NEIGHBOURS = 2;

  /** Loaded classes under each package, at any depth. */
  private final Map<String, Integer> under;

  private ClassesInUse(Map<String, Integer> under) {
    this.under = under;
  }

  /** From the binary names of the classes loaded so far. */
  public static ClassesInUse of(Iterable<String> classNames) {
    Map<String, Integer> under = new HashMap<>();
    for (String name : classNames) {
      String p = InstrumentationInstaller.packageOf(name);
      while (!p.isEmpty()) {
        under.merge(p, 1, Integer::sum);
        p = InstrumentationInstaller.packageOf(p);
      }
    }
    return new ClassesInUse(under);
  }

  /** Whether the training is about to use the class named {@code targetClassName}. */
  boolean nearlyUsed(String targetClassName) {
    String own = InstrumentationInstaller.packageOf(targetClassName);
    String parent = InstrumentationInstaller.packageOf(own);
    if (parent.chars().filter(c -> c == '.').count() >= 2) {
      return under.getOrDefault(parent, 0) >= NEIGHBOURS;
    }
    return under.getOrDefault(own, 0) > 0;
  }
}
