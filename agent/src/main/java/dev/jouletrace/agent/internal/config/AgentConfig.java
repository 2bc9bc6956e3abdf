package dev.jouletrace.agent.internal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The resolved configuration. Precedence: agent arguments, then {@code jouletrace.*} system
 * properties, then {@code JOULETRACE_*} environment variables, then the default. A wrong value
 * never stops anything: it yields one message naming the key, the value and what is accepted, and
 * the default is used.
 */
public final class AgentConfig {
  private final Map<String, String> agentArgs;
  private final Properties systemProperties;
  private final Map<String, String> environment;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Object> resolved = new HashMap<>();

  private AgentConfig(
      Map<String, String> agentArgs, Properties systemProperties, Map<String, String> env) {
    this.agentArgs = agentArgs;
    this.systemProperties = systemProperties;
    this.environment = env;
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      resolved.put(key.name(), resolve(key));
    }
    reportUnknownArguments();
  }

  /** Configuration from this JVM's agent arguments, system properties and environment. */
  public static AgentConfig load(String agentArgs) {
    return of(agentArgs, System.getProperties(), System.getenv());
  }

  /** Configuration from explicit sources (tests). */
  public static AgentConfig of(
      String agentArgs, Properties systemProperties, Map<String, String> env) {
    List<String> argProblems = new ArrayList<>();
    Map<String, String> args = parseAgentArgs(agentArgs, argProblems);
    AgentConfig config = new AgentConfig(args, systemProperties, env);
    config.problems.addAll(0, argProblems);
    return config;
  }

  /**
   * {@code key=value} pairs separated by commas; keys with or without the {@code jouletrace.}
   * prefix. A piece without {@code =} continues the previous value, so list values need no quoting:
   * {@code report.formats=json,csv}.
   */
  static Map<String, String> parseAgentArgs(String text, List<String> problems) {
    Map<String, String> args = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return args;
    }
    String lastKey = null;
    for (String pair : text.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        if (lastKey != null) {
          args.put(lastKey, args.get(lastKey) + "," + pair.trim());
        } else {
          problems.add(
              "agent argument '"
                  + pair.trim()
                  + "' is not key=value; it is ignored"
                  + " (example: -javaagent:jouletrace-agent.jar=report.dir=/tmp/r,pue=1.2)");
        }
        continue;
      }
      String key = pair.substring(0, eq).trim();
      if (!key.startsWith(ConfigKeys.PREFIX)) {
        key = ConfigKeys.PREFIX + key;
      }
      args.put(key, pair.substring(eq + 1).trim());
      lastKey = key;
    }
    return args;
  }

  private void reportUnknownArguments() {
    for (String key : agentArgs.keySet()) {
      if (!resolved.containsKey(key) && !isInstrumentationSwitch(key)) {
        problems.add(
            "unknown agent argument '"
                + key.substring(ConfigKeys.PREFIX.length())
                + "' is ignored; see the configuration table in the README for the keys");
      }
    }
  }

  private static boolean isInstrumentationSwitch(String key) {
    return key.startsWith("jouletrace.instrumentation.") && key.endsWith(".enabled");
  }

  private <T> T resolve(ConfigKey<T> key) {
    Source source = lookup(key.name(), key.environmentVariable());
    if (source == null) {
      return key.defaultValue();
    }
    try {
      return key.parse(source.value);
    } catch (IllegalArgumentException e) {
      problems.add(
          source.describe(key.name())
              + "='"
              + source.value
              + "' is not valid: expected "
              + key.accepted()
              + "; using the default ("
              + key.defaultText()
              + ")");
      return key.defaultValue();
    }
  }

  private Source lookup(String name, String envName) {
    if (agentArgs.containsKey(name)) {
      return new Source("agent argument ", agentArgs.get(name));
    }
    String prop = systemProperties.getProperty(name);
    if (prop != null) {
      return new Source("system property ", prop);
    }
    String env = environment.get(envName);
    if (env != null) {
      return new Source("environment variable " + envName + " for ", env);
    }
    return null;
  }

  /** The value of a key: configured, or its default when unset or wrong. */
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    return (T) resolved.get(key.name());
  }

  /** {@code jouletrace.instrumentation.<name>.enabled}, default true. */
  public boolean instrumentationEnabled(String instrumentationName) {
    String name = "jouletrace.instrumentation." + instrumentationName + ".enabled";
    String envName = name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    Source source = lookup(name, envName);
    if (source == null) {
      return true;
    }
    try {
      return ValueParsers.bool(source.value.trim());
    } catch (IllegalArgumentException e) {
      problems.add(
          source.describe(name)
              + "='"
              + source.value
              + "' is not valid: expected true or false;"
              + " using the default (true)");
      return true;
    }
  }

  /** One line per wrong or unknown setting, in the order found. */
  public List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  private static final class Source {
    final String origin;
    final String value;

    Source(String origin, String value) {
      this.origin = origin;
      this.value = value;
    }

    String describe(String key) {
      return origin + key;
    }
  }
}
