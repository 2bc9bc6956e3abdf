package dev.jouletrace.agent.internal.instrumentation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/**
 * Decides, once per class loader, whether an instrumentation applies there as a whole: every target
 * method and every accessor of the unit is looked up in the class files that loader sees, before
 * any of the unit's types is transformed (the idea of the OpenTelemetry agent's muzzle). A unit
 * applies when everything is there, is silently absent when none of the classes it instruments is
 * (whatever its accessors' classes: DL4J without its parallel-wrapper module), and is otherwise
 * skipped in that loader with one line naming what is missing, so it never half-works on a
 * framework version it does not know. Nothing is loaded: class files are only read.
 */
public final class UnitCheck {
  /** The outcome for one unit in one class loader. */
  public enum Verdict {
    APPLIES,
    ABSENT,
    MISMATCH
  }

  private final TrainingInstrumentation unit;
  private final Consumer<String> problems;
  private final WeaveCache cache;
  private final Map<ClassLoader, Verdict> byLoader = new WeakHashMap<>();
  private Verdict bootstrap;

  /**
   * @param problems where the one line of a unit that does not apply goes
   */
  public UnitCheck(TrainingInstrumentation unit, Consumer<String> problems) {
    this(unit, problems, WeaveCache.NONE);
  }

  /**
   * @param cache where a verdict that the unit applies is kept with the class files it read, and
   *     found again while the loader gives the same ones
   */
  UnitCheck(TrainingInstrumentation unit, Consumer<String> problems, WeaveCache cache) {
    this.unit = unit;
    this.problems = problems;
    this.cache = cache;
  }

  /** The unit it checks. */
  public TrainingInstrumentation unit() {
    return unit;
  }

  /** The unit's verdict for {@code loader} (null: the bootstrap loader), computed once. */
  public synchronized Verdict verdict(ClassLoader loader) {
    Verdict v = loader == null ? bootstrap : byLoader.get(loader);
    if (v == null) {
      v = cache.verdictHolds(unit.name(), loader) ? Verdict.APPLIES : check(loader);
      if (loader == null) {
        bootstrap = v;
      } else {
        byLoader.put(loader, v);
      }
    }
    return v;
  }

  private Verdict check(ClassLoader loader) {
    ClassFileLocator locator =
        loader == null
            ? ClassFileLocator.ForClassLoader.ofBootLoader()
            : ClassFileLocator.ForClassLoader.of(loader);
    if (!cache.enabled() || loader == null) {
      return check(TypePool.Default.WithLazyResolution.of(locator));
    }
    // the class files read are kept only to be written with the verdict
    WeaveCache.Recording classFiles = new WeaveCache.Recording(locator);
    Verdict verdict = check(TypePool.Default.WithLazyResolution.of(classFiles));
    if (verdict == Verdict.APPLIES) {
      cache.storeVerdict(unit.name(), classFiles.read());
    }
    return verdict;
  }

  private Verdict check(TypePool pool) {
    Set<String> missing = new LinkedHashSet<>();
    int targetClassesFound = 0;
    for (Target target : unit.targets()) {
      TypePool.Resolution type = pool.describe(target.className());
      if (!type.isResolved()) {
        missing.add(target.className());
        continue;
      }
      targetClassesFound++;
      if (!declares(type.resolve(), target)) {
        missing.add(target.methodSignature());
      }
    }
    if (targetClassesFound == 0 && !unit.targets().isEmpty()) {
      // none of the classes it instruments is there (DL4J without its parallel-wrapper module):
      // the unit has nothing to do in this loader, whatever its accessors' classes
      return Verdict.ABSENT;
    }
    for (Accessor a : unit.accessors()) {
      TypePool.Resolution type = pool.describe(a.owner());
      if (!type.isResolved()) {
        missing.add(a.owner());
        continue;
      }
      if (!has(type.resolve(), a)) {
        missing.add(a.toString());
      }
    }
    if (missing.isEmpty()) {
      return Verdict.APPLIES;
    }
    problems.accept(
        "instrumentation "
            + unit.name()
            + " skipped: this "
            + unit.framework()
            + " version has no "
            + String.join(", no ", missing)
            + " (a version it does not know); the training runs unmeasured by it");
    return Verdict.MISMATCH;
  }

  private static ElementMatcher.Junction<MethodDescription> methodOf(Accessor a) {
    ElementMatcher.Junction<MethodDescription> m =
        ElementMatchers.<MethodDescription>named(a.name())
            .and(ElementMatchers.takesArguments(a.parameterTypes().size()))
            .and(ElementMatchers.isPublic());
    for (int i = 0; i < a.parameterTypes().size(); i++) {
      m = m.and(ElementMatchers.takesArgument(i, ElementMatchers.named(a.parameterTypes().get(i))));
    }
    return m;
  }

  /** Whether the type declares the target method. */
  static boolean declares(TypeDescription type, Target target) {
    try {
      return !type.getDeclaredMethods()
          .filter(InstrumentationInstaller.methodMatcher(target))
          .isEmpty();
    } catch (RuntimeException unresolvable) {
      // a parameter type the loader cannot see: the method cannot be the one we know
      return false;
    }
  }

  /** Whether the type, or a type it extends or implements, has the member. */
  private static boolean has(TypeDescription type, Accessor a) {
    try {
      return hasInHierarchy(type, a);
    } catch (RuntimeException unresolvable) {
      // a supertype the loader cannot see: the member cannot be found through it
      return false;
    }
  }

  private static boolean hasInHierarchy(TypeDescription type, Accessor a) {
    List<TypeDefinition> todo = new ArrayList<>();
    todo.add(type);
    while (!todo.isEmpty()) {
      TypeDefinition t = todo.remove(todo.size() - 1);
      if (a.kind() == Accessor.Kind.FIELD) {
        if (!t.getDeclaredFields()
            .filter(ElementMatchers.<FieldDescription>named(a.name()))
            .isEmpty()) {
          return true;
        }
      } else if (!t.getDeclaredMethods().filter(methodOf(a)).isEmpty()) {
        return true;
      }
      if (t.getSuperClass() != null) {
        todo.add(t.getSuperClass());
      }
      t.getInterfaces().forEach(todo::add);
    }
    return false;
  }
}
