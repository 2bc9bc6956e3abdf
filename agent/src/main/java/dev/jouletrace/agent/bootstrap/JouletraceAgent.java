package dev.jouletrace.agent.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.util.jar.JarFile;

/**
 * Entry point of {@code jouletrace-agent.jar}: premain, agentmain and the command line. It holds no
 * state and never throws: any failure prints one line and the training runs without the agent.
 */
public final class JouletraceAgent {
  private static final String STARTER = "dev.jouletrace.agent.internal.AgentStarter";
  private static final String CLI = "dev.jouletrace.agent.internal.cli.Cli";

  private JouletraceAgent() {}

  public static void premain(String agentArgs, Instrumentation inst) {
    start(agentArgs, inst, false);
  }

  public static void agentmain(String agentArgs, Instrumentation inst) {
    start(agentArgs, inst, true);
  }

  /**
   * {@code java -jar jouletrace-agent.jar [doctor | attach <pid> | report <folder>… | version]}.
   */
  public static void main(String[] args) {
    int exit;
    try {
      ClassLoader loader = new AgentClassLoader(agentJar());
      Object code =
          loader.loadClass(CLI).getMethod("run", String[].class).invoke(null, (Object) args);
      exit = (Integer) code;
    } catch (Throwable t) {
      System.err.println("jouletrace: " + describe(t));
      exit = 2;
    }
    System.exit(exit);
  }

  private static void start(String agentArgs, Instrumentation inst, boolean attachedLate) {
    try {
      File jar = agentJar();
      // Advice inlined into framework classes must find the bridge from every class loader.
      inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
      ClassLoader loader = new AgentClassLoader(jar);
      loader
          .loadClass(STARTER)
          .getMethod("start", String.class, Instrumentation.class, boolean.class, ClassLoader.class)
          .invoke(null, agentArgs, inst, attachedLate, loader);
    } catch (Throwable t) {
      System.err.println(
          "[jouletrace] could not start; the training runs without it: " + describe(t));
    }
  }

  private static File agentJar() throws Exception {
    return new File(
        JouletraceAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static String describe(Throwable t) {
    Throwable cause = t instanceof InvocationTargetException ? t.getCause() : t;
    return cause.getClass().getName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }
}
