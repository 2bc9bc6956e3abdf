package dev.jouletrace.agent.internal.cli;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Loads the agent into a running JVM through the JDK attach API. The API lives in the {@code
 * jdk.attach} module, which the agent's isolated loader cannot see, so it is reached reflectively
 * through the system class loader.
 */
final class Attach {
  private Attach() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 1 || !args[0].matches("\\d+")) {
      err.println("usage: java -jar jouletrace-agent.jar attach <pid> [key=value,...]");
      return 2;
    }
    String pid = args[0];
    String options =
        args.length > 1 ? String.join(",", java.util.Arrays.copyOfRange(args, 1, args.length)) : "";
    try {
      String jar = agentJar();
      Class<?> vmClass =
          Class.forName(
              "com.sun.tools.attach.VirtualMachine", true, ClassLoader.getSystemClassLoader());
      Object vm = vmClass.getMethod("attach", String.class).invoke(null, pid);
      try {
        Method load = vmClass.getMethod("loadAgent", String.class, String.class);
        load.invoke(vm, jar, options);
      } finally {
        vmClass.getMethod("detach").invoke(vm);
      }
      out.println(
          "Jouletrace attached to " + pid + "; its output appears in that JVM's standard error");
      return 0;
    } catch (ClassNotFoundException e) {
      err.println(
          "attach needs a JDK (the jdk.attach module); this Java runtime has none: "
              + e.getMessage());
      return 1;
    } catch (InvocationTargetException e) {
      err.println("could not attach to " + pid + ": " + e.getCause());
      return 1;
    } catch (Exception e) {
      err.println("could not attach to " + pid + ": " + e);
      return 1;
    }
  }

  private static String agentJar() throws Exception {
    // the agent's classes come from inst/ inside the agent jar, whose path is its code source
    return new File(Attach.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .getPath();
  }
}
