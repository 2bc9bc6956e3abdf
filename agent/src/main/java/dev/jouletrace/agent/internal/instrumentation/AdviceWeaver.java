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
  private final ByteBuddy byteBuddy =
      new ByteBuddy()
          .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
          .with(VisibilityBridgeStrategy.Default.NEVER)
          .with(InstrumentedType.Factory.Default.FROZEN)
          .with(TypeValidation.DISABLED);

  private final Map<String, List<Weaving>> byClass;
  private final ClassFileLocator adviceClassFiles;
  // the advice classes, read once for all target classes
  private final TypePool advicePool;
  // each advice class with its framework binding, made once and shared by every target class (an
  // Advice is immutable): a class woven after the first reuses it (docs/BENCHMARKS.md, start-up)
  private final Map<String, Advice> adviceMade = new ConcurrentHashMap<>();

  /**
   * @param byClass the weavings of each target class, by binary name, in the order they apply
   * @param adviceLoader the loader whose class files hold the advice classes
   */
  AdviceWeaver(Map<String, List<Weaving>> byClass, ClassLoader adviceLoader) {
    this.byClass = Map.copyOf(byClass);
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
          builder = byteBuddy.decorate(type, classFiles);
        }
        for (MethodAdvice a : weaving.advice()) {
          builder = builder.visit(advice(a).on(a.methods));
        }
      }
      return builder == null ? null : builder.make(pool).getBytes();
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
}
