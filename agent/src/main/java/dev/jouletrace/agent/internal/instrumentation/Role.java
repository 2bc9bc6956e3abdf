package dev.jouletrace.agent.internal.instrumentation;

import java.util.Locale;

/**
 * The part a configured target method plays in training ({@code jouletrace.targets}). The model
 * whose run and epochs it belongs to is the receiver of an instance method; for a static method it
 * is the first argument when that is an object, else the declaring class.
 */
public enum Role {
  RUN(
      Hook.RUN_UNPLANNED_ON_THIS,
      Hook.RUN_UNPLANNED_ON_FIRST_ARGUMENT,
      Hook.RUN_UNPLANNED_ON_CLASS),
  EPOCH(Hook.EPOCH_ON_THIS, Hook.EPOCH_ON_FIRST_ARGUMENT, Hook.EPOCH_ON_CLASS),
  STEP(Hook.BATCH_ON_THIS, Hook.BATCH_ON_FIRST_ARGUMENT, Hook.BATCH_ON_CLASS),
  VALIDATION(Hook.VALIDATION_ON_THIS, Hook.VALIDATION_ON_FIRST_ARGUMENT, Hook.VALIDATION_ON_CLASS);

  private final Hook onInstance;
  private final Hook onStaticFirstArgument;
  private final Hook onStaticClass;

  Role(Hook onInstance, Hook onStaticFirstArgument, Hook onStaticClass) {
    this.onInstance = onInstance;
    this.onStaticFirstArgument = onStaticFirstArgument;
    this.onStaticClass = onStaticClass;
  }

  Hook onInstance() {
    return onInstance;
  }

  Hook onStaticFirstArgument() {
    return onStaticFirstArgument;
  }

  Hook onStaticClass() {
    return onStaticClass;
  }

  /** {@code run}, {@code epoch}, {@code step}, {@code validation}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code label}, or null. */
  public static Role ofLabel(String label) {
    for (Role r : values()) {
      if (r.label().equals(label)) {
        return r;
      }
    }
    return null;
  }
}
