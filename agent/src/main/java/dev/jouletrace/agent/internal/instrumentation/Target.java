package dev.jouletrace.agent.internal.instrumentation;

import java.util.List;
import java.util.Objects;

/**
 * One instrumented method, declared by names only (matching never loads a framework class): class,
 * method ({@code <init>} for a constructor), parameter type names, and its hook.
 */
public final class Target {
  public static final String CONSTRUCTOR = "<init>";

  private final String className;
  private final String methodName;
  private final List<String> parameterTypes;
  private final Hook hook;

  private Target(String className, String methodName, List<String> parameterTypes, Hook hook) {
    this.className = Objects.requireNonNull(className);
    this.methodName = Objects.requireNonNull(methodName);
    this.parameterTypes = List.copyOf(parameterTypes);
    this.hook = Objects.requireNonNull(hook);
  }

  public static Target of(
      String className, String methodName, Hook hook, String... parameterTypes) {
    return new Target(className, methodName, List.of(parameterTypes), hook);
  }

  public String className() {
    return className;
  }

  public String methodName() {
    return methodName;
  }

  /** Fully qualified names; matched exactly and in order. */
  public List<String> parameterTypes() {
    return parameterTypes;
  }

  public Hook hook() {
    return hook;
  }

  @Override
  public String toString() {
    return className + "#" + methodName + "(" + String.join(", ", parameterTypes) + ") -> " + hook;
  }
}
