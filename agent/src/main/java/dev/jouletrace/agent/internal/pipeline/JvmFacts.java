package dev.jouletrace.agent.internal.pipeline;

import dev.jouletrace.agent.internal.AgentVersion;
import java.util.LinkedHashMap;
import java.util.Map;

/** Facts about this JVM and Jouletrace for the report header and the default service name. */
final class JvmFacts {
  private JvmFacts() {}

  static String version() {
    return "Jouletrace " + AgentVersion.get();
  }

  /** The main class's simple name, as {@code sun.java.command} gives it. */
  static String serviceName() {
    String command = System.getProperty("sun.java.command", "");
    String main = command.split(" ", 2)[0];
    if (main.endsWith(".jar")) {
      main = main.substring(Math.max(main.lastIndexOf('/'), main.lastIndexOf('\\')) + 1);
      return main.substring(0, main.length() - 4);
    }
    int dot = main.lastIndexOf('.');
    return main.isEmpty() ? "jouletrace-training" : main.substring(dot + 1);
  }

  static Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("jouletrace_version", version());
    m.put("pid", Long.toString(ProcessHandle.current().pid()));
    m.put("main", System.getProperty("sun.java.command", "").split(" ", 2)[0]);
    m.put("java_version", System.getProperty("java.version", ""));
    m.put("os", System.getProperty("os.name", "") + " " + System.getProperty("os.arch", ""));
    m.put("available_processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
    return m;
  }
}
