package dev.jouletrace.agent.internal.instrumentation;

import dev.jouletrace.agent.internal.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The only transformer the JVM calls for every class it loads: a hash lookup of the class name
 * among the instrumentations' declared targets, and nothing more for any other class. A target
 * class goes on to Byte Buddy's transformer, which the agent builds in the background after premain
 * returned; a target loaded before that waits for it (it is the training about to begin, and the
 * agent must be ready before its first epoch boundary).
 */
public final class TargetGate implements ClassFileTransformer {
  /**
   * How long target classes may wait, all together, for the agent to finish starting: once one has
   * waited this long, the agent is taken as failed and no later class waits at all.
   */
  static final long WAIT_SECONDS = 30;

  private final Set<String> internalNames;
  private final long waitMillis;
  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile ClassFileTransformer delegate;
  private volatile boolean failed;

  private TargetGate(Set<String> internalNames, long waitMillis) {
    this.internalNames = Set.copyOf(internalNames);
    this.waitMillis = waitMillis;
  }

  /** A closed gate for the units' target classes. */
  public static TargetGate of(List<TrainingInstrumentation> units) {
    return of(units, TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
  }

  /** A closed gate whose target classes wait at most {@code waitMillis}, all together. */
  static TargetGate of(List<TrainingInstrumentation> units, long waitMillis) {
    Set<String> names = new HashSet<>();
    for (TrainingInstrumentation unit : units) {
      for (Target t : unit.targets()) {
        names.add(t.className().replace('.', '/'));
      }
    }
    return new TargetGate(names, waitMillis);
  }

  /** From now on target classes are transformed by {@code transformer}. */
  public void open(ClassFileTransformer transformer) {
    this.delegate = transformer;
    ready.countDown();
  }

  /** The agent could not start: target classes load untouched, and no longer wait. */
  public void fail() {
    failed = true;
    ready.countDown();
  }

  /** Whether {@code className} (binary name, dots) is a target. */
  boolean isTarget(String className) {
    return internalNames.contains(className.replace('.', '/'));
  }

  /**
   * Transforms the target classes that were loaded before the gate opened (a late attach); the gate
   * must have been added as able to retransform.
   */
  public void retransformLoaded(Instrumentation inst) {
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (isTarget(c.getName()) && inst.isModifiableClass(c)) {
        loaded.add(c);
      }
    }
    for (Class<?> c : loaded) {
      try {
        inst.retransformClasses(c);
      } catch (Throwable t) {
        AgentLog.warn(
            "could not instrument "
                + c.getName()
                + " ("
                + t
                + "); its epochs will not be measured. The training is unaffected.");
      }
    }
  }

  /**
   * The JVM (9 and later) calls this overload; the interface's other one is never called on it, so
   * it keeps its default.
   */
  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer)
      throws IllegalClassFormatException {
    if (className == null || !internalNames.contains(className)) {
      return null;
    }
    long started = System.nanoTime();
    ClassFileTransformer t = awaitDelegate(className);
    long ready = System.nanoTime();
    byte[] woven =
        t == null
            ? null
            : t.transform(
                module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
    said(className, started, ready);
    return woven;
  }

  /** With debug on: how long the loading thread waited for the agent, and how long weaving took. */
  private static void said(String className, long started, long ready) {
    if (AgentLog.debugEnabled()) {
      AgentLog.debug(
          className.replace('/', '.')
              + " waited "
              + TimeUnit.NANOSECONDS.toMillis(ready - started)
              + " ms for the agent, then "
              + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ready)
              + " ms to weave");
    }
  }

  private ClassFileTransformer awaitDelegate(String className) {
    ClassFileTransformer t = delegate;
    if (t != null || failed) {
      return t;
    }
    try {
      if (!ready.await(waitMillis, TimeUnit.MILLISECONDS)) {
        failed = true;
        AgentLog.warn(
            "the agent was not ready within "
                + waitMillis
                + " ms when "
                + className.replace('/', '.')
                + " was loaded; it and any training class loaded before the agent is ready are"
                + " not instrumented, and their epochs will not be measured");
        return null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    return delegate;
  }
}
