package dev.jouletrace.agent.internal.instrumentation;

import dev.jouletrace.agent.internal.AgentLog;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The only transformer the JVM calls for every class it loads: a hash lookup of the class name
 * among the instrumentations' declared targets, and nothing more for any other class. A target
 * class goes on to Byte Buddy's transformer, which the agent builds in the background after premain
 * returned; a target loaded before that waits for it (it is the training about to begin, and the
 * agent must be ready before its first epoch boundary).
 *
 * <p>Weaving a large framework class cold costs its loading thread a few hundred milliseconds
 * (docs/BENCHMARKS.md, start-up), so the agent weaves the targets it finds on the application's
 * class path ahead, in the background ({@link #weaveAhead}). A class that then loads from the same
 * class loader and module with exactly the bytes that were woven takes that result (waiting for it
 * if the weaving is still under way); any other load of it is woven as it comes.
 */
public final class TargetGate implements ClassFileTransformer {
  /**
   * How long target classes may wait, all together, for the agent to finish starting: once one has
   * waited this long, the agent is taken as failed and no later class waits at all.
   */
  static final long WAIT_SECONDS = 30;

  /**
   * How long a loading class waits for the weaving of its class file that is under way in the
   * background before weaving it itself (an ordinary weave takes well under a second).
   */
  private static final long AHEAD_WAIT_SECONDS = 5;

  /**
   * Classes that are never woven but whose loading waits, as the targets' does, until the agent has
   * started: JavaCPP's {@code Loader} (ND4J's native loading). Its {@code addressof} calls {@code
   * dlsym} inside a {@code dl_iterate_phdr} callback, which holds glibc's loader lock in the order
   * opposite to a {@code dlopen} of a new library; the agent's start loads libraries on its own
   * thread (JNA's dispatch library, the probes' libraries, JDK natives), and the two deadlock the
   * training for good (docs/FRAMEWORKS.md §13a). Held back until the agent is ready, ND4J loads its
   * natives after ours, never at the same time.
   */
  static final Set<String> HELD = Set.of("org/bytedeco/javacpp/Loader");

  private final Set<String> internalNames;
  private final long waitMillis;
  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile ClassFileTransformer delegate;
  private volatile boolean failed;

  /** Targets that have reached {@link #transform}: never woven ahead after that. */
  private final Set<String> arrived = ConcurrentHashMap.newKeySet();

  private final ConcurrentHashMap<String, Ahead> ahead = new ConcurrentHashMap<>();

  /** A target's class file as one class loader sees it, and its weaving, done or under way. */
  private static final class Ahead {
    final ClassLoader loader;
    final Module module;
    final byte[] original;
    final CompletableFuture<byte[]> woven = new CompletableFuture<>();

    Ahead(ClassLoader loader, byte[] original) {
      this.loader = loader;
      this.module = loader.getUnnamedModule();
      this.original = original;
    }

    boolean sameClassFile(ClassLoader l, Module m, byte[] bytes) {
      return l == loader && m == module && Arrays.equals(bytes, original);
    }
  }

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

  /** Waits at most {@code millis} for the gate to open or fail; whether it opened. */
  public boolean awaitOpen(long millis) throws InterruptedException {
    return ready.await(millis, TimeUnit.MILLISECONDS) && !failed;
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

  /**
   * Weaves ahead with {@code t} (the transformer the gate opens on, or will), in the given order,
   * those of {@code classNames} (binary names) that {@code loader} has as class files and that have
   * not been loaded yet, until {@code budgetMillis} have passed; each result waits for the class to
   * load (an unused one is dropped by {@link #forgetAhead}). Never throws.
   *
   * @return how many classes were woven ahead
   */
  public int weaveAhead(
      ClassFileTransformer t, ClassLoader loader, List<String> classNames, long budgetMillis) {
    if (t == null || loader == null || failed) {
      return 0;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
    int woven = 0;
    for (String name : classNames) {
      String internalName = name.replace('.', '/');
      if (System.nanoTime() > deadline) {
        break;
      }
      if (!internalNames.contains(internalName) || arrived.contains(internalName)) {
        continue;
      }
      Ahead a;
      try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
        if (in == null) {
          continue;
        }
        a = new Ahead(loader, in.readAllBytes());
      } catch (Throwable e) {
        continue;
      }
      if (ahead.putIfAbsent(internalName, a) != null) {
        continue;
      }
      try {
        long started = System.nanoTime();
        a.woven.complete(t.transform(a.module, loader, internalName, null, null, a.original));
        woven++;
        if (AgentLog.debugEnabled()) {
          AgentLog.debug(
              name
                  + " woven ahead in "
                  + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)
                  + " ms");
        }
      } catch (Throwable e) {
        // the class is woven as it loads instead, where any error is said
        ahead.remove(internalName, a);
        a.woven.completeExceptionally(e);
      }
    }
    return woven;
  }

  /** Drops what was woven ahead for classes that have not loaded (they may never). */
  public void forgetAhead() {
    ahead.clear();
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
    if (className == null) {
      return null;
    }
    if (HELD.contains(className)) {
      if (classBeingRedefined == null) {
        awaitDelegate(className);
      }
      return null;
    }
    if (!internalNames.contains(className)) {
      return null;
    }
    long started = System.nanoTime();
    ClassFileTransformer t = awaitDelegate(className);
    long ready = System.nanoTime();
    if (t == null) {
      return null;
    }
    Ahead a = null;
    if (classBeingRedefined == null) {
      arrived.add(className);
      a = ahead.remove(className);
    }
    byte[] woven = null;
    boolean taken = false;
    if (a != null && a.sameClassFile(loader, module, classfileBuffer)) {
      try {
        woven = a.woven.get(AHEAD_WAIT_SECONDS, TimeUnit.SECONDS);
        taken = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // failed or still not done: woven here instead
      }
    }
    if (!taken) {
      woven =
          t.transform(
              module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
    }
    said(className, started, ready, woven != null, taken, classBeingRedefined != null);
    return woven;
  }

  /**
   * With debug on: whether the class was instrumented, how long the loading thread waited for the
   * agent, and how long weaving took (or waiting for the weaving done ahead).
   */
  private static void said(
      String className,
      long started,
      long ready,
      boolean instrumented,
      boolean wovenAhead,
      boolean retransformed) {
    if (AgentLog.debugEnabled()) {
      AgentLog.debug(
          className.replace('/', '.')
              + (instrumented ? " instrumented" : " left as it is")
              + (retransformed ? " (retransformed)" : "")
              + ": waited "
              + TimeUnit.NANOSECONDS.toMillis(ready - started)
              + " ms for the agent, then "
              + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ready)
              + (wovenAhead ? " ms for the weaving done ahead" : " ms to weave"));
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
