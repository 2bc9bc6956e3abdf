package dev.jouletrace.agent.internal.instrumentation;

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

  private Accessor(Kind kind, String owner, String name) {
    this.kind = Objects.requireNonNull(kind);
    this.owner = Objects.requireNonNull(owner);
    this.name = Objects.requireNonNull(name);
  }

  /** A public no-argument method {@code name} of {@code owner} or a type it extends. */
  public static Accessor method(String owner, String name) {
    return new Accessor(Kind.METHOD, owner, name);
  }

  /** A field {@code name} of {@code owner} or a class it extends. */
  public static Accessor field(String owner, String name) {
    return new Accessor(Kind.FIELD, owner, name);
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
    return owner + (kind == Kind.METHOD ? "#" + name + "()" : "." + name);
  }
}
