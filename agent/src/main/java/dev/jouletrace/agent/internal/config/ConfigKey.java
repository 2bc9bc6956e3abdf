package dev.jouletrace.agent.internal.config;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: its name, default, description and how its text is parsed. The README's
 * configuration table is checked against the list of these in {@link ConfigKeys}.
 *
 * @param <T> the parsed type
 */
public final class ConfigKey<T> {
  private final String name;
  private final String defaultText;
  private final String accepted;
  private final String description;
  private final Function<String, T> parser;
  private final T defaultValue;

  private ConfigKey(
      String name,
      String defaultText,
      T defaultValue,
      String accepted,
      String description,
      Function<String, T> parser) {
    this.name = Objects.requireNonNull(name);
    this.defaultText = Objects.requireNonNull(defaultText);
    this.defaultValue = defaultValue;
    this.accepted = Objects.requireNonNull(accepted);
    this.description = Objects.requireNonNull(description);
    this.parser = Objects.requireNonNull(parser);
  }

  /**
   * @param defaultText how the default reads in the docs (may describe a derived default)
   * @param defaultValue the value used when the key is unset or invalid; may be null
   * @param accepted what values are accepted, used in the message for a wrong value
   * @param parser turns text into a value, throwing IllegalArgumentException when it is wrong
   */
  static <T> ConfigKey<T> of(
      String name,
      String defaultText,
      T defaultValue,
      String accepted,
      String description,
      Function<String, T> parser) {
    return new ConfigKey<>(name, defaultText, defaultValue, accepted, description, parser);
  }

  /** {@code jouletrace.report.dir}. */
  public String name() {
    return name;
  }

  /** {@code JOULETRACE_REPORT_DIR}: upper case, dots and dashes as underscores. */
  public String environmentVariable() {
    return environmentVariable(name);
  }

  /** The environment variable of any key name: upper case, dots and dashes as underscores. */
  static String environmentVariable(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The key as written in agent arguments, without the {@code jouletrace.} prefix. */
  public String agentArgument() {
    return name.substring(ConfigKeys.PREFIX.length());
  }

  public String defaultText() {
    return defaultText;
  }

  public T defaultValue() {
    return defaultValue;
  }

  public String accepted() {
    return accepted;
  }

  public String description() {
    return description;
  }

  T parse(String text) {
    return parser.apply(text.trim());
  }
}
