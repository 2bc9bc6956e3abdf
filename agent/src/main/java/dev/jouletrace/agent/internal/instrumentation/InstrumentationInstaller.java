package dev.jouletrace.agent.internal.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPrimitive;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy.EpochStart;
import dev.jouletrace.agent.internal.lifecycle.ProgressReader;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Builds Byte Buddy's transformer for the enabled instrumentations: advice only, no class-format
 * changes, so classes already loaded (late attach) can be retransformed. Advice is named by class
 * literal, read as a class file from the agent's class loader and inlined; it calls nothing but the
 * bootstrap bridge. The transformer is never registered with the JVM itself: a {@link TargetGate}
 * in front of it passes on the declared target classes only, so no other class ever reaches Byte
 * Buddy.
 *
 * <p>Before any type of a built-in unit is transformed, the whole unit is checked against the class
 * loader ({@link UnitCheck}): every target method and accessor must be there, or the unit stays off
 * in that loader with one line, rather than half-working on a framework version it does not know.
 * Configured targets are held class by class: a class that lacks a method its entries name is said
 * once and left alone, and the other classes still apply.
 */
public final class InstrumentationInstaller {
  private InstrumentationInstaller() {}

  /**
   * Installs at once: a gate for the units' targets, opened on their transformer, and the targets
   * already loaded retransformed.
   *
   * @param skipped where the one line of a unit that skips itself goes
   */
  public static TargetGate install(
      Instrumentation inst,
      List<TrainingInstrumentation> units,
      ClassLoader adviceLoader,
      Consumer<String> skipped) {
    TargetGate gate = TargetGate.of(units);
    inst.addTransformer(gate, true);
    gate.open(transformer(units, adviceLoader, skipped));
    gate.retransformLoaded(inst);
    return gate;
  }

  /**
   * Byte Buddy's transformer for the units, not registered with the JVM.
   *
   * @param skipped where the one line of a unit that skips itself goes
   */
  public static ClassFileTransformer transformer(
      List<TrainingInstrumentation> units, ClassLoader adviceLoader, Consumer<String> skipped) {
    return prepare(units, adviceLoader, skipped).transformer();
  }

  /**
   * Byte Buddy's transformer for the units, not registered with the JVM, with what can be done
   * before the first framework class loads.
   *
   * @param skipped where the one line of a unit that skips itself goes
   */
  public static Prepared prepare(
      List<TrainingInstrumentation> units, ClassLoader adviceLoader, Consumer<String> skipped) {
    return prepare(units, adviceLoader, skipped, WeaveCache.NONE);
  }

  /**
   * As {@link #prepare(List, ClassLoader, Consumer)}, with the woven classes kept in {@code
   * cacheDir} from one run of this agent build to the next (null: none).
   */
  public static Prepared prepare(
      List<TrainingInstrumentation> units,
      ClassLoader adviceLoader,
      Consumer<String> skipped,
      Path cacheDir) {
    WeaveCache cache =
        cacheDir == null
            ? WeaveCache.NONE
            : WeaveCache.open(cacheDir, WeaveCache.fingerprintOf(InstrumentationInstaller.class));
    return prepare(units, adviceLoader, skipped, cache);
  }

  /** One line on the weave cache in {@code cacheDir} (null: none), for {@code doctor}. */
  public static String describeCache(Path cacheDir) {
    return WeaveCache.describe(cacheDir);
  }

  /**
   * As {@link #prepare(List, ClassLoader, Consumer)}, taking woven classes and unit verdicts from
   * {@code cache} where it has them and keeping there those it weaves.
   */
  static Prepared prepare(
      List<TrainingInstrumentation> units,
      ClassLoader adviceLoader,
      Consumer<String> skipped,
      WeaveCache cache) {
    List<UnitCheck> checks = new ArrayList<>();
    AdviceWeaver transformer = build(units, adviceLoader, skipped, checks, cache);
    return new Prepared(transformer, checks, adviceLoader, cache);
  }

  /** A transformer, and the work that can be moved off the training thread ahead of it. */
  public static final class Prepared {
    private final AdviceWeaver transformer;
    private final List<UnitCheck> checks;
    private final ClassLoader adviceLoader;
    private final WeaveCache cache;

    private Prepared(
        AdviceWeaver transformer,
        List<UnitCheck> checks,
        ClassLoader adviceLoader,
        WeaveCache cache) {
      this.transformer = transformer;
      this.checks = List.copyOf(checks);
      this.adviceLoader = adviceLoader;
      this.cache = cache;
    }

    public ClassFileTransformer transformer() {
      return transformer;
    }

    /** Whether Byte Buddy was started: some class was woven, not taken from the cache. */
    public boolean weavingStarted() {
      return transformer.started();
    }

    /** Removes cache entries long unused (off the training thread); never throws. */
    public void pruneCache() {
      cache.pruneUnused();
    }

    /**
     * Weaves ahead, for {@code gate}, the target classes the training is about to use ({@link
     * ClassesInUse#nearlyUsed}) of the units that apply in {@code appLoader} (the class loader the
     * framework is expected in), in the units' order, for at most {@link #AHEAD_BUDGET_MILLIS}.
     * Only a unit with such a class is checked against {@code appLoader} here (its verdict is
     * kept): the others are checked if and when one of their classes loads, as reading a
     * framework's class files for a unit the training never uses is start-up spent for nothing
     * (SameDiff, early stopping, parallel training in a plain DL4J program; docs/BENCHMARKS.md,
     * start-up). A training thread that then loads one of them takes the result instead of weaving
     * it cold (docs/BENCHMARKS.md, start-up). Where there is none and {@code warmUpIfNone}, the
     * role advice is woven into {@link WarmUpTarget}'s class file and thrown away, so that at least
     * the classes weaving needs are loaded. Can be called again as the training goes on: a class
     * woven ahead or loaded is not woven ahead again. Reads class files only; loads no framework
     * class. Never throws.
     */
    public void weaveAhead(
        ClassLoader appLoader, TargetGate gate, ClassesInUse inUse, boolean warmUpIfNone) {
      try {
        List<String> classes = new ArrayList<>();
        if (appLoader != null) {
          for (UnitCheck check : checks) {
            List<String> wanted = new ArrayList<>();
            for (Target target : check.unit().targets()) {
              String name = target.className();
              if (!classes.contains(name) && !wanted.contains(name) && inUse.nearlyUsed(name)) {
                wanted.add(name);
              }
            }
            if (!wanted.isEmpty() && check.verdict(appLoader) == UnitCheck.Verdict.APPLIES) {
              classes.addAll(wanted);
            }
          }
        }
        if (gate.weaveAhead(transformer, appLoader, classes, AHEAD_BUDGET_MILLIS) == 0
            && warmUpIfNone) {
          warmUp();
        }
      } catch (Throwable t) {
        AgentLog.debug("weaving ahead skipped: " + t);
      }
    }

    private void warmUp() {
      try {
        String name = WarmUpTarget.class.getName();
        String internalName = name.replace('.', '/');
        byte[] bytes;
        try (InputStream in = adviceLoader.getResourceAsStream(internalName + ".class")) {
          if (in == null) {
            return;
          }
          bytes = in.readAllBytes();
        }
        List<Target> targets = new ArrayList<>();
        for (Role role : Role.values()) {
          targets.add(Target.ofRole(name, WARM_UP_METHODS.get(role), role, List.of()));
        }
        TrainingInstrumentation unit =
            new TrainingInstrumentation(
                "warm-up",
                "warm-up",
                targets,
                List.of(),
                new FrameworkPolicy(ProgressReader.NONE, EpochStart.AT_EPOCH_CALL),
                TrainingInstrumentation.Checking.EACH_CLASS);
        build(List.of(unit), adviceLoader, line -> {}, new ArrayList<>(), WeaveCache.NONE)
            .transform(adviceLoader, internalName, null, null, bytes);
      } catch (Throwable t) {
        AgentLog.debug("warm-up skipped: " + t);
      }
    }
  }

  /**
   * How long weaving ahead may take in all: the cold first weave of the largest DL4J class and the
   * classes every DL4J training loads after it (docs/BENCHMARKS.md, start-up).
   */
  static final long AHEAD_BUDGET_MILLIS = 400;

  /** The package of a binary class name, or of a package name: what comes before its last dot. */
  static String packageOf(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(0, dot);
  }

  private static final Map<Role, String> WARM_UP_METHODS =
      Map.of(Role.RUN, "run", Role.EPOCH, "epoch", Role.STEP, "step", Role.VALIDATION, "validate");

  private static AdviceWeaver build(
      List<TrainingInstrumentation> units,
      ClassLoader adviceLoader,
      Consumer<String> skipped,
      List<UnitCheck> checks,
      WeaveCache cache) {
    Map<String, List<AdviceWeaver.Weaving>> weavings = new LinkedHashMap<>();
    for (TrainingInstrumentation unit : units) {
      UnitCheck check =
          unit.checking() == TrainingInstrumentation.Checking.WHOLE_UNIT
              ? new UnitCheck(unit, skipped, cache)
              : null;
      if (check != null) {
        checks.add(check);
      }
      for (Map.Entry<String, List<Target>> type : byClass(unit.targets()).entrySet()) {
        List<AdviceWeaver.MethodAdvice> advice = new ArrayList<>();
        for (Target target : type.getValue()) {
          addAdvice(advice, target, unit.framework());
        }
        AdviceWeaver.Weaving weaving =
            check != null
                ? new UnitApplies(check, advice)
                : new EachTargetSaid(unit, type.getValue(), skipped, advice);
        weavings.computeIfAbsent(type.getKey(), k -> new ArrayList<>()).add(weaving);
      }
    }
    return new AdviceWeaver(weavings, adviceLoader, cache);
  }

  /** A type of a built-in unit is transformed only where the unit applies as a whole. */
  private static final class UnitApplies implements AdviceWeaver.Weaving {
    private final UnitCheck check;
    private final List<AdviceWeaver.MethodAdvice> advice;

    UnitApplies(UnitCheck check, List<AdviceWeaver.MethodAdvice> advice) {
      this.check = check;
      this.advice = List.copyOf(advice);
    }

    @Override
    public boolean applies(TypeDescription type, ClassLoader loader) {
      return check.verdict(loader) == UnitCheck.Verdict.APPLIES;
    }

    @Override
    public String cacheTerm(ClassLoader loader) {
      return check.unit().name() + '=' + check.verdict(loader);
    }

    @Override
    public List<AdviceWeaver.MethodAdvice> advice() {
      return advice;
    }
  }

  /**
   * A class of configured targets is transformed only when it has every method its entries name;
   * otherwise it is said once and left alone, and the other classes still apply.
   */
  private static final class EachTargetSaid implements AdviceWeaver.Weaving {
    private final TrainingInstrumentation unit;
    private final List<Target> targets;
    private final Consumer<String> skipped;
    private final List<AdviceWeaver.MethodAdvice> advice;
    private final AtomicBoolean said = new AtomicBoolean();

    EachTargetSaid(
        TrainingInstrumentation unit,
        List<Target> targets,
        Consumer<String> skipped,
        List<AdviceWeaver.MethodAdvice> advice) {
      this.unit = unit;
      this.targets = targets;
      this.skipped = skipped;
      this.advice = List.copyOf(advice);
    }

    @Override
    public List<AdviceWeaver.MethodAdvice> advice() {
      return advice;
    }

    @Override
    public String cacheTerm(ClassLoader loader) {
      // whether it applies depends on the class file alone, which the key holds
      return unit.name() + "=by-class";
    }

    @Override
    public boolean applies(TypeDescription type, ClassLoader loader) {
      List<String> missing = new ArrayList<>();
      for (Target target : targets) {
        if (!UnitCheck.declares(type, target)) {
          missing.add(target.methodSignature());
        }
      }
      if (missing.isEmpty()) {
        return true;
      }
      if (said.compareAndSet(false, true)) {
        skipped.accept(
            "instrumentation "
                + unit.name()
                + " skipped: "
                + type.getName()
                + " has no "
                + String.join(", no ", missing)
                + " (a version it does not know); the training runs unmeasured by it");
      }
      return false;
    }
  }

  /** The advice of one target: by hook, or by role and where the model is found. */
  private static void addAdvice(
      List<AdviceWeaver.MethodAdvice> advice, Target target, String framework) {
    ElementMatcher.Junction<MethodDescription> m = methodMatcher(target);
    if (target.hook() != null) {
      advice.add(new AdviceWeaver.MethodAdvice(m, target.hook().advice().getName(), framework));
      return;
    }
    Role role = target.role();
    advice.add(
        new AdviceWeaver.MethodAdvice(
            m.and(not(isStatic())), role.onInstance().advice().getName(), framework));
    advice.add(
        new AdviceWeaver.MethodAdvice(
            m.and(isStatic()).and(takesArgument(0, not(isPrimitive()))),
            role.onStaticFirstArgument().advice().getName(),
            framework));
    advice.add(
        new AdviceWeaver.MethodAdvice(
            m.and(isStatic()).and(takesNoArguments().or(takesArgument(0, isPrimitive()))),
            role.onStaticClass().advice().getName(),
            framework));
  }

  private static Map<String, List<Target>> byClass(List<Target> targets) {
    Map<String, List<Target>> map = new LinkedHashMap<>();
    for (Target t : targets) {
      map.computeIfAbsent(t.className(), k -> new ArrayList<>()).add(t);
    }
    return map;
  }

  static ElementMatcher.Junction<MethodDescription> methodMatcher(Target target) {
    ElementMatcher.Junction<MethodDescription> m =
        target.methodName().equals(Target.CONSTRUCTOR)
            ? isConstructor()
            : named(target.methodName());
    List<String> params = target.parameterTypes();
    if (params == null) {
      return m;
    }
    m = m.and(takesArguments(params.size()));
    for (int i = 0; i < params.size(); i++) {
      m = m.and(takesArgument(i, named(params.get(i))));
    }
    return m;
  }
}
