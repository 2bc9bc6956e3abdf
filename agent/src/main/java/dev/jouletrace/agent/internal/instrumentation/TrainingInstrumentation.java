package dev.jouletrace.agent.internal.instrumentation;

import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy;
import java.util.List;
import java.util.Objects;

/**
 * One switchable unit of instrumentation ({@code jouletrace.instrumentation.<name>.enabled}): the
 * framework it reports as, its targets, and how that framework's progress is read.
 */
public final class TrainingInstrumentation {
  private final String name;
  private final String framework;
  private final List<Target> targets;
  private final FrameworkPolicy policy;

  public TrainingInstrumentation(
      String name, String framework, List<Target> targets, FrameworkPolicy policy) {
    this.name = Objects.requireNonNull(name);
    this.framework = Objects.requireNonNull(framework);
    this.targets = List.copyOf(targets);
    this.policy = Objects.requireNonNull(policy);
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

  public FrameworkPolicy policy() {
    return policy;
  }
}
