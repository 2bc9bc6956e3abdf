package dev.jouletrace.agent.internal.bench;

import dev.jouletrace.agent.internal.instrumentation.InstrumentationInstaller;
import dev.jouletrace.agent.internal.instrumentation.Instrumentations;
import dev.jouletrace.agent.internal.instrumentation.advice.EpochAdvice;
import dev.jouletrace.agent.internal.instrumentation.advice.Framework;
import dev.jouletrace.agent.internal.instrumentation.advice.RunAdvice;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/**
 * What weaving DL4J's {@code MultiLayerNetwork} costs in a fresh JVM, step by step, and then warm:
 * where the start-up time of the weaving goes (docs/BENCHMARKS.md, start-up). Not a test; run by
 * {@code benchmarks/weave-cold.sh}, one fresh JVM per run, since only the first run of each step is
 * cold. Prints {@code step <name> <milliseconds>} lines.
 *
 * <p>Argument: a file holding the class path the DL4J classes are read from (the sample apps').
 */
public final class WeaveColdStart {
  private static final String MLN = "org.deeplearning4j.nn.multilayer.MultiLayerNetwork";
  private static final String[] WARM = {
    MLN, "org.deeplearning4j.nn.graph.ComputationGraph", "org.deeplearning4j.optimize.Solver"
  };
  private static long lap = System.nanoTime();

  private WeaveColdStart() {}

  public static void main(String[] args) throws Exception {
    String[] entries =
        new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8)
            .trim()
            .split(":");
    URL[] urls = new URL[entries.length];
    for (int i = 0; i < entries.length; i++) {
      urls[i] = Paths.get(entries[i]).toUri().toURL();
    }
    ClassLoader app = new URLClassLoader(urls, null);
    byte[][] bytes = new byte[WARM.length][];
    for (int i = 0; i < WARM.length; i++) {
      bytes[i] = classFile(app, WARM[i]);
    }
    ClassLoader agent = WeaveColdStart.class.getClassLoader();
    step("setup (read the class files)");

    TypePool pool = pool(app);
    TypeDescription mln = pool.describe(MLN).resolve();
    mln.getDeclaredMethods().size();
    step("Byte Buddy type pool: MultiLayerNetwork and its methods described");

    TypePool advicePool = pool(agent);
    Advice epoch = advice(advicePool, agent, EpochAdvice.class);
    step("first Advice made (EpochAdvice)");
    advice(advicePool, agent, RunAdvice.OnThis.class);
    step("second Advice made (RunAdvice.OnThis)");

    ByteBuddy byteBuddy = new ByteBuddy();
    step("new ByteBuddy()");
    byteBuddy
        .decorate(mln, ClassFileLocator.Simple.of(MLN, bytes[0]))
        .visit(epoch.on(ElementMatchers.named("fit").and(ElementMatchers.takesArguments(1))))
        .make(pool)
        .getBytes();
    step("decorate and make MultiLayerNetwork with one advice");

    ClassFileTransformer weaver =
        InstrumentationInstaller.prepare(Instrumentations.builtIn(), agent, line -> {})
            .transformer();
    step("Jouletrace: transformer prepared for the built-in units");
    weave(weaver, app, 0, bytes);
    step("Jouletrace: MultiLayerNetwork woven, first time");
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < WARM.length; i++) {
        weave(weaver, app, i, bytes);
        step("warm: " + WARM[i].substring(WARM[i].lastIndexOf('.') + 1) + " woven");
      }
    }
  }

  /** A type pool over the class files {@code loader} sees, as the agent makes them. */
  private static TypePool pool(ClassLoader loader) {
    return new TypePool.Default.WithLazyResolution(
        new TypePool.CacheProvider.Simple(),
        ClassFileLocator.ForClassLoader.of(loader),
        TypePool.Default.ReaderMode.FAST);
  }

  private static Advice advice(TypePool pool, ClassLoader agent, Class<?> adviceClass) {
    return Advice.withCustomMapping()
        .bind(Framework.class, "dl4j")
        .to(
            pool.describe(adviceClass.getName()).resolve(),
            ClassFileLocator.ForClassLoader.of(agent))
        .withExceptionHandler(Advice.ExceptionHandler.Default.SUPPRESSING);
  }

  private static void weave(ClassFileTransformer weaver, ClassLoader app, int i, byte[][] bytes)
      throws IllegalClassFormatException {
    if (weaver.transform(app, WARM[i].replace('.', '/'), null, null, bytes[i]) == null) {
      throw new IllegalStateException(WARM[i] + " was not woven");
    }
  }

  private static byte[] classFile(ClassLoader loader, String name) throws IOException {
    try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
      if (in == null) {
        throw new IOException(name + " is not on the class path given");
      }
      return in.readAllBytes();
    }
  }

  private static void step(String name) {
    long now = System.nanoTime();
    System.out.printf("step %s\t%.1f%n", name, (now - lap) / 1e6);
    lap = now;
  }
}
