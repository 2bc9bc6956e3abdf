package dev.jouletrace.agent.internal.instrumentation;

import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy;
import java.util.List;
import java.util.Objects;

/**
 * One switchable unit of instrumentation ({@code jouletrace.instrumentation.<name>.enabled}): the
 * framework it reports as, its targets, the framework members it reads by name, and how that
 * framework's progress is read. Everything the unit relies on is declared here, so that it can be
 * checked as a whole before it is applied.
 */
public final class TrainingInstrumentation {
  /** How the unit's declared targets are held against the classes a loader sees. */
  public enum Checking {
    /**
     * All or nothing, per class loader: a built-in unit applies only when every target and accessor
     * is there ({@link UnitCheck}).
     */
    WHOLE_UNIT,
    /**
     * Each class on its own, all or nothing: configured targets, where a class that lacks one of
     * its entries' methods must not stop the other classes.
     */
    EACH_CLASS
  }

  private final String name;
  private final String framework;
  private final List<Target> targets;
  private final List<Accessor> accessors;
  private final FrameworkPolicy policy;
  private final Checking checking;

  public TrainingInstrumentation(
      String name,
      String framework,
      List<Target> targets,
      List<Accessor> accessors,
      FrameworkPolicy policy,
      Checking checking) {
    this.name = Objects.requireNonNull(name);
    this.framework = Objects.requireNonNull(framework);
    this.targets = List.copyOf(targets);
    this.accessors = List.copyOf(accessors);
    this.policy = Objects.requireNonNull(policy);
    this.checking = Objects.requireNonNull(checking);
  }

  public String name() {
    return name;
  }

  /** {@code djl}, {@code dl4j}: the value of {@code jouletrace.framework} on spans. */
  public String framework() {
    return framework;
  }

  public List<Target> targets() {
    return targets;
  }

  /** Framework members the unit's advice and progress reader use by name. */
  public List<Accessor> accessors() {
    return accessors;
  }

  public FrameworkPolicy policy() {
    return policy;
  }

  public Checking checking() {
    return checking;
  }
}
