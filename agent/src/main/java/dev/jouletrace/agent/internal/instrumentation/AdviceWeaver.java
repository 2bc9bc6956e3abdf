package dev.jouletrace.agent.internal.instrumentation;

import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.instrumentation.advice.Framework;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.VisibilityBridgeStrategy;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves the advice of the enabled instrumentations into a target class file, with Byte Buddy's
 * {@link Advice} and {@link ByteBuddy#decorate}: advice only, no class-format change, so the same
 * weaving serves a class being loaded and one being retransformed (late attach). The class is
 * described from its own bytes and the class files its loader sees, never by reflection (a class
 * loaded during a transformation is never transformed itself). Byte Buddy's {@code AgentBuilder} is
 * not used: the {@link TargetGate} in front already passes on the declared targets only, and
 * building an {@code AgentBuilder} costs a start-up a few hundred classes and a class generated at
 * run time (docs/BENCHMARKS.md, start-up). A failure leaves the class as it is, with one line.
 */
final class AdviceWeaver implements ClassFileTransformer {
  /** Where advice is woven into one target class for one instrumentation. */
  interface Weaving {
    /** Whether the weaving applies to {@code type} as {@code loader} sees it. */
    boolean applies(TypeDescription type, ClassLoader loader);

    /**
     * What, besides the class file itself, decides whether it applies in {@code loader}: part of a
     * woven class's key in the {@link WeaveCache}. May read class files, never weaves.
     */
    String cacheTerm(ClassLoader loader);

    /** Each method matcher with the advice woven into the methods it matches. */
    List<MethodAdvice> advice();
  }

  /**
   * The methods a matcher selects, and the advice class (read by name) woven into them with the
   * framework name its {@link Framework} parameters take.
   */
  static final class MethodAdvice {
    final ElementMatcher<? super MethodDescription> methods;
    final String adviceClass;
    final String framework;

    MethodAdvice(
        ElementMatcher<? super MethodDescription> methods, String adviceClass, String framework) {
      this.methods = methods;
      this.adviceClass = adviceClass;
      this.framework = framework;
    }
  }

  // advice is woven into the declared methods it matches and nothing else: no graph of every
  // inherited method, no bridges, no re-definable type (docs/BENCHMARKS.md "Start-up": the full
  // graph of MultiLayerNetwork's hierarchy cost seconds of JIT); no validation of the class
  // against its version, which is for types Byte Buddy defines and wraps every method's visitor
  // (the first weave of MultiLayerNetwork 52 -> 39 ms, warm 13 -> 10 ms, weave-cold.sh)
  /**
   * Byte Buddy as the weaving uses it, made at the first class not found in the cache: a training
   * whose classes all are never starts it.
   */
  private static final class Engine {
    private final ByteBuddy byteBuddy =
        new ByteBuddy()
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
            .with(VisibilityBridgeStrategy.Default.NEVER)
            .with(InstrumentedType.Factory.Default.FROZEN)
            .with(TypeValidation.DISABLED);

    private final ClassFileLocator adviceClassFiles;
    // the advice classes, read once for all target classes
    private final TypePool advicePool;
    // each advice class with its framework binding, made once and shared by every target class
    // (an Advice is immutable): a class woven after the first reuses it (docs/BENCHMARKS.md)
    private final Map<String, Advice> adviceMade = new ConcurrentHashMap<>();

    Engine(ClassLoader adviceLoader) {
      this.adviceClassFiles = ClassFileLocator.ForClassLoader.of(adviceLoader);
      this.advicePool =
          new TypePool.Default.WithLazyResolution(
              new TypePool.CacheProvider.Simple(),
              adviceClassFiles,
              TypePool.Default.ReaderMode.FAST);
    }

    private Advice advice(MethodAdvice a) {
      return adviceMade.computeIfAbsent(
          a.framework + '|' + a.adviceClass,
          k ->
              Advice.withCustomMapping()
                  .bind(Framework.class, a.framework)
                  .to(advicePool.describe(a.adviceClass).resolve(), adviceClassFiles)
                  .withExceptionHandler(Advice.ExceptionHandler.Default.SUPPRESSING));
    }
  }

  private final Map<String, List<Weaving>> byClass;
  private final ClassLoader adviceLoader;
  private final WeaveCache cache;
  private volatile Engine engine;

  /**
   * @param byClass the weavings of each target class, by binary name, in the order they apply
   * @param adviceLoader the loader whose class files hold the advice classes
   * @param cache woven class files kept from earlier runs
   */
  AdviceWeaver(Map<String, List<Weaving>> byClass, ClassLoader adviceLoader, WeaveCache cache) {
    this.byClass = Map.copyOf(byClass);
    this.adviceLoader = adviceLoader;
    this.cache = cache;
  }

  private Engine engine() {
    Engine e = engine;
    if (e == null) {
      synchronized (this) {
        e = engine;
        if (e == null) {
          e = new Engine(adviceLoader);
          engine = e;
        }
      }
    }
    return e;
  }

  /** Whether Byte Buddy was started: some class was not found in the cache. */
  boolean started() {
    return engine != null;
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String internalName,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    if (internalName == null) {
      return null;
    }
    String name = internalName.replace('/', '.');
    List<Weaving> weavings = byClass.get(name);
    if (weavings == null) {
      return null;
    }
    try {
      String key = null;
      if (cache.enabled()) {
        StringBuilder applied = new StringBuilder();
        for (Weaving weaving : weavings) {
          // whether it applies, and what it weaves: advice, framework, methods (configured targets
          // may change from one run to the next)
          applied.append(weaving.cacheTerm(loader));
          for (MethodAdvice a : weaving.advice()) {
            applied.append('|').append(a.adviceClass).append(' ').append(a.framework);
            applied.append(' ').append(a.methods);
          }
          applied.append(';');
        }
        key = cache.key(name, applied.toString(), classfileBuffer);
        byte[] kept = cache.woven(key);
        if (kept != null) {
          return kept;
        }
      }
      byte[] woven = weave(loader, name, weavings, classfileBuffer);
      if (woven != null && key != null) {
        cache.store(key, woven);
      }
      return woven;
    } catch (Throwable t) {
      AgentLog.warn(
          "could not instrument "
              + name
              + " ("
              + t
              + "); its epochs will not be measured. The training is unaffected.");
      return null;
    }
  }

  private byte[] weave(
      ClassLoader loader, String name, List<Weaving> weavings, byte[] classfileBuffer) {
    Engine engine = engine();
    ClassFileLocator classFiles =
        new ClassFileLocator.Compound(
            ClassFileLocator.Simple.of(name, classfileBuffer),
            loader == null
                ? ClassFileLocator.ForClassLoader.ofBootLoader()
                : ClassFileLocator.ForClassLoader.of(loader));
    TypePool pool =
        new TypePool.Default.WithLazyResolution(
            new TypePool.CacheProvider.Simple(), classFiles, TypePool.Default.ReaderMode.FAST);
    TypeDescription type = pool.describe(name).resolve();
    DynamicType.Builder<?> builder = null;
    for (Weaving weaving : weavings) {
      if (!weaving.applies(type, loader)) {
        continue;
      }
      if (builder == null) {
        builder = engine.byteBuddy.decorate(type, classFiles);
      }
      for (MethodAdvice a : weaving.advice()) {
        builder = builder.visit(engine.advice(a).on(a.methods));
      }
    }
    return builder == null ? null : builder.make(pool).getBytes();
  }
}
