package dev.jouletrace.agent.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key of the configuration table (the same list the README's table is checked against) with
 * values a user may get wrong, given each way a key can be set: the agent never throws, and a value
 * it cannot use gives exactly one line naming the key, the value, what is accepted and the default
 * it falls back to, and the default is used.
 */
class WrongConfigValuesTest {
  private static final List<String> WRONG =
      List.of(
          "",
          "   ",
          "not-a-value",
          "-1",
          "0",
          "NaN",
          "1e999",
          "-Infinity",
          "2147483648",
          "true,false",
          "a".repeat(10_000),
          "\u0000\u2028",
          "=",
          "%s%n");

  static Stream<Arguments> keysAndWrongValues() {
    List<Arguments> all = new ArrayList<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      for (String value : WRONG) {
        all.add(Arguments.of(key, value));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("keysAndWrongValues")
  void aValueThatCannotBeUsedIsSaidOnceAndTheDefaultUsed(ConfigKey<?> key, String value) {
    Properties properties = new Properties();
    properties.setProperty(key.name(), value);
    check(key, value, AgentConfig.of(null, properties, Map.of()));
    check(
        key,
        value,
        AgentConfig.of(null, new Properties(), Map.of(key.environmentVariable(), value)));
  }

  private static void check(ConfigKey<?> key, String value, AgentConfig config) {
    Object parsed;
    try {
      parsed = key.parse(value);
    } catch (IllegalArgumentException wrong) {
      assertThat(config.problems())
          .singleElement()
          .asString()
          .contains(key.name())
          .contains("is not valid: expected " + key.accepted())
          .contains("using the default (" + key.defaultText() + ")");
      assertThat((Object) config.get(key)).isEqualTo(key.defaultValue());
      return;
    }
    // a value the key accepts (free text: a region, a framework name) is used as given
    assertThat(config.problems()).isEmpty();
    assertThat((Object) config.get(key)).isEqualTo(parsed);
  }
}
