package dev.jouletrace.agent.internal.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The resolved configuration. Precedence: agent arguments, then {@code jouletrace.*} system
 * properties, then {@code JOULETRACE_*} environment variables, then the default. A wrong value
 * never stops anything: it yields one message naming the key, the value and what is accepted, and
 * the default is used.
 */
public final class AgentConfig {
  private static final String ENV_PREFIX = ConfigKey.environmentVariable(ConfigKeys.PREFIX);
  private static final String SWITCH_PREFIX =
      ConfigKeys.INSTRUMENTATION_SWITCH.substring(
          0, ConfigKeys.INSTRUMENTATION_SWITCH.indexOf("<name>"));
  private static final String SWITCH_SUFFIX =
      ConfigKeys.INSTRUMENTATION_SWITCH.substring(
          ConfigKeys.INSTRUMENTATION_SWITCH.indexOf("<name>") + "<name>".length());
  private static final String SEE_TABLE =
      "; see the configuration table in the README for the keys";
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

  /**
   * One line for each agent argument, {@code jouletrace.*} system property and {@code JOULETRACE_*}
   * environment variable that names no key: a misspelt key would otherwise be ignored in silence.
   */
  private void reportUnknownArguments() {
    Set<String> knownVariables = new HashSet<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      knownVariables.add(key.environmentVariable());
    }
    for (String key : agentArgs.keySet()) {
      if (!resolved.containsKey(key) && switchedName(key) == null) {
        problems.add(
            "unknown agent argument '"
                + key.substring(ConfigKeys.PREFIX.length())
                + "' is ignored"
                + SEE_TABLE);
      }
    }
    for (String name : new TreeSet<>(systemProperties.stringPropertyNames())) {
      if (name.startsWith(ConfigKeys.PREFIX)
          && !resolved.containsKey(name)
          && switchedName(name) == null) {
        problems.add("unknown system property " + name + " is ignored" + SEE_TABLE);
      }
    }
    for (String name : new TreeSet<>(environment.keySet())) {
      if (name.startsWith(ENV_PREFIX)
          && !knownVariables.contains(name)
          && !isSwitchVariable(name)) {
        problems.add("unknown environment variable " + name + " is ignored" + SEE_TABLE);
      }
    }
  }

  /**
   * One line for each instrumentation switch, in any source, whose name is none of {@code names}
   * (the instrumentations this agent has): it switches nothing off.
   */
  public void reportUnknownInstrumentations(Collection<String> names) {
    Set<String> variables = new HashSet<>();
    for (String name : names) {
      variables.add(ConfigKey.environmentVariable(SWITCH_PREFIX + name + SWITCH_SUFFIX));
    }
    String list = String.join(", ", new TreeSet<>(names));
    Set<String> switches = new TreeSet<>(agentArgs.keySet());
    switches.addAll(systemProperties.stringPropertyNames());
    for (String key : switches) {
      String name = switchedName(key);
      if (name != null && !names.contains(name)) {
        problems.add(
            key + " names no instrumentation and switches nothing off; the names: " + list);
      }
    }
    for (String variable : new TreeSet<>(environment.keySet())) {
      if (isSwitchVariable(variable) && !variables.contains(variable)) {
        problems.add(
            variable + " names no instrumentation and switches nothing off; the names: " + list);
      }
    }
  }

  /** The instrumentation a switch key names, or null for another key. */
  private static String switchedName(String key) {
    return key.startsWith(SWITCH_PREFIX)
            && key.endsWith(SWITCH_SUFFIX)
            && key.length() > SWITCH_PREFIX.length() + SWITCH_SUFFIX.length()
        ? key.substring(SWITCH_PREFIX.length(), key.length() - SWITCH_SUFFIX.length())
        : null;
  }

  /** Whether an environment variable has the shape of an instrumentation switch. */
  private static boolean isSwitchVariable(String variable) {
    String prefix = ConfigKey.environmentVariable(SWITCH_PREFIX);
    String suffix = ConfigKey.environmentVariable(SWITCH_SUFFIX);
    return variable.startsWith(prefix)
        && variable.endsWith(suffix)
        && variable.length() > prefix.length() + suffix.length();
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
    String name = SWITCH_PREFIX + instrumentationName + SWITCH_SUFFIX;
    String envName = ConfigKey.environmentVariable(name);
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
