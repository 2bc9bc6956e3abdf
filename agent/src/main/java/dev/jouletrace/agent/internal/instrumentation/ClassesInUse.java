package dev.jouletrace.agent.internal.instrumentation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

  /** The binary names of the classes loaded so far. */
  private final String[] loaded;

  /**
   * Loaded classes under a package, at any depth, for the packages asked about so far: a few areas
   * of the declared targets, each counted once by a scan of the names (no map of every package of
   * thousands of classes, docs/BENCHMARKS.md, start-up). Used on one thread.
   */
  private final Map<String, Integer> under = new HashMap<>();

  private ClassesInUse(String[] loaded) {
    this.loaded = loaded;
  }

  /** From the binary names of the classes loaded so far. */
  public static ClassesInUse of(Iterable<String> classNames) {
    List<String> names = new ArrayList<>();
    for (String name : classNames) {
      names.add(name);
    }
    return new ClassesInUse(names.toArray(new String[0]));
  }

  /** Whether the training is about to use the class named {@code targetClassName}. */
  boolean nearlyUsed(String targetClassName) {
    String own = InstrumentationInstaller.packageOf(targetClassName);
    String parent = InstrumentationInstaller.packageOf(own);
    if (dots(parent) >= 2) {
      return under(parent) >= NEIGHBOURS;
    }
    return under(own) > 0;
  }

  private int under(String pkg) {
    Integer counted = under.get(pkg);
    if (counted == null) {
      int n = 0;
      if (!pkg.isEmpty()) {
        for (String name : loaded) {
          if (name.length() > pkg.length()
              && name.charAt(pkg.length()) == '.'
              && name.startsWith(pkg)) {
            n++;
          }
        }
      }
      counted = n;
      under.put(pkg, counted);
    }
    return counted;
  }

  private static int dots(String name) {
    int n = 0;
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) == '.') {
        n++;
      }
    }
    return n;
  }
}
