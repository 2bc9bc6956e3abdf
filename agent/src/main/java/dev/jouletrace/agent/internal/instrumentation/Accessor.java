package dev.jouletrace.agent.internal.instrumentation;

import java.util.List;
import java.util.Objects;

/**
 * A framework member the agent reads by name (the agent has no compile-time dependency on any
 * framework): a public no-argument method its progress readers call, or a field its advice reads.
 * Declared by each instrumentation beside its targets, checked with them before the unit is applied
 * ({@link UnitCheck}), and verified by the build against the framework versions the README claims.
 */
public final class Accessor {
  /** What kind of member. */
  public enum Kind {
    /** A public method without parameters. */
    METHOD,
    /** A field (advice reads it with {@code @Advice.FieldValue}). */
    FIELD
  }

  private final Kind kind;
  private final String owner;
  private final String name;
  private final List<String> parameterTypes;

  private Accessor(Kind kind, String owner, String name, List<String> parameterTypes) {
    this.kind = Objects.requireNonNull(kind);
    this.owner = Objects.requireNonNull(owner);
    this.name = Objects.requireNonNull(name);
    this.parameterTypes = List.copyOf(parameterTypes);
  }

  /**
   * A public method {@code name} of {@code owner} or a type it extends, with these parameter types
   * (binary names; none for a getter).
   */
  public static Accessor method(String owner, String name, String... parameterTypes) {
    return new Accessor(Kind.METHOD, owner, name, List.of(parameterTypes));
  }

  /** A field {@code name} of {@code owner} or a class it extends. */
  public static Accessor field(String owner, String name) {
    return new Accessor(Kind.FIELD, owner, name, List.of());
  }

  /** The method's parameter types; empty for a getter or a field. */
  public List<String> parameterTypes() {
    return parameterTypes;
  }

  public Kind kind() {
    return kind;
  }

  /** The binary name of the class or interface that has the member. */
  public String owner() {
    return owner;
  }

  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return owner
        + (kind == Kind.METHOD
            ? "#" + name + "(" + String.join(",", parameterTypes) + ")"
            : "." + name);
  }
}
