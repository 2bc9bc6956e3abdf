package dev.jouletrace.agent.internal.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.instrumentation.advice.Framework;
import java.lang.instrument.Instrumentation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the enabled instrumentations with Byte Buddy: advice only, no class-format changes, so
 * classes already loaded (late attach) can be retransformed. Advice is read from the agent's class
 * loader by name and inlined; it calls nothing but the bootstrap bridge.
 */
public final class InstrumentationInstaller {
  private InstrumentationInstaller() {}

  public static void install(
      Instrumentation inst, List<TrainingInstrumentation> units, ClassLoader adviceLoader) {
    AgentBuilder builder =
        new AgentBuilder.Default()
            .disableClassFormatChanges()
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
            .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
            .with(new TransformationLog())
            .ignore(
                nameStartsWith("net.bytebuddy.")
                    .or(nameStartsWith("dev.jouletrace."))
                    .or(nameStartsWith("jdk.internal."))
                    .or(nameStartsWith("java."))
                    .or(nameStartsWith("sun."))
                    .or(nameStartsWith("com.sun."))
                    .or(isSynthetic()));
    for (TrainingInstrumentation unit : units) {
      Advice.WithCustomMapping mapping =
          Advice.withCustomMapping().bind(Framework.class, unit.framework());
      for (Map.Entry<String, List<Target>> type : byClass(unit.targets()).entrySet()) {
        AgentBuilder.Transformer.ForAdvice transformer =
            new AgentBuilder.Transformer.ForAdvice(mapping)
                .include(adviceLoader)
                .withExceptionHandler(Advice.ExceptionHandler.Default.SUPPRESSING);
        for (Target target : type.getValue()) {
          transformer = transformer.advice(methodMatcher(target), target.hook().adviceClass());
        }
        builder = builder.type(named(type.getKey())).transform(transformer);
      }
    }
    builder.installOn(inst);
  }

  private static Map<String, List<Target>> byClass(List<Target> targets) {
    Map<String, List<Target>> map = new LinkedHashMap<>();
    for (Target t : targets) {
      map.computeIfAbsent(t.className(), k -> new java.util.ArrayList<>()).add(t);
    }
    return map;
  }

  static ElementMatcher.Junction<MethodDescription> methodMatcher(Target target) {
    ElementMatcher.Junction<MethodDescription> m =
        target.methodName().equals(Target.CONSTRUCTOR)
            ? isConstructor()
            : named(target.methodName());
    List<String> params = target.parameterTypes();
    m = m.and(takesArguments(params.size()));
    for (int i = 0; i < params.size(); i++) {
      m = m.and(takesArgument(i, named(params.get(i))));
    }
    return m;
  }

  /** Errors always, each transformation only in debug mode. */
  private static final class TransformationLog extends AgentBuilder.Listener.Adapter {
    @Override
    public void onTransformation(
        TypeDescription type,
        ClassLoader loader,
        JavaModule module,
        boolean loaded,
        DynamicType dynamicType) {
      AgentLog.debug("instrumented " + type.getName() + (loaded ? " (retransformed)" : ""));
    }

    @Override
    public void onError(
        String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable t) {
      AgentLog.warn(
          "could not instrument "
              + typeName
              + " ("
              + t
              + "); its epochs will not be measured. The training is unaffected.");
    }
  }
}
