package dev.jouletrace.agent.internal.instrumentation;

import java.util.List;
import java.util.Objects;

/**
 * One instrumented method, declared by names only (matching never loads a framework class): class,
 * method ({@code <init>} for a constructor), parameter type names, and its hook. A configured
 * target has a {@link Role} instead, and its hook is chosen per method shape (instance or static)
 * when the class is seen; its parameter types may be left open.
 */
public final class Target {
  public static final String CONSTRUCTOR = "<init>";

  private final String className;
  private final String methodName;
  private final List<String> parameterTypes;
  private final Hook hook;
  private final Role role;

  private Target(
      String className, String methodName, List<String> parameterTypes, Hook hook, Role role) {
    this.className = Objects.requireNonNull(className);
    this.methodName = Objects.requireNonNull(methodName);
    this.parameterTypes = parameterTypes == null ? null : List.copyOf(parameterTypes);
    this.hook = hook;
    this.role = role;
  }

  public static Target of(
      String className, String methodName, Hook hook, String... parameterTypes) {
    return new Target(
        className, methodName, List.of(parameterTypes), Objects.requireNonNull(hook), null);
  }

  /**
   * A configured target.
   *
   * @param parameterTypes null to match the method by name with any parameters
   */
  public static Target ofRole(
      String className, String methodName, Role role, List<String> parameterTypes) {
    return new Target(className, methodName, parameterTypes, null, Objects.requireNonNull(role));
  }

  public String className() {
    return className;
  }

  public String methodName() {
    return methodName;
  }

  /** Fully qualified names, matched exactly and in order; null when any parameters match. */
  public List<String> parameterTypes() {
    return parameterTypes;
  }

  /** The advice of a built-in target; null for a configured one. */
  public Hook hook() {
    return hook;
  }

  /** The role of a configured target; null for a built-in one. */
  public Role role() {
    return role;
  }

  /** {@code class#method(types)}, as in messages and in {@code jouletrace.targets}. */
  public String methodSignature() {
    return className
        + "#"
        + methodName
        + (parameterTypes == null ? "" : "(" + String.join(",", parameterTypes) + ")");
  }

  @Override
  public String toString() {
    return methodSignature() + " -> " + (hook != null ? hook : role.label());
  }
}
