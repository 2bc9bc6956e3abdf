package dev.jouletrace.agent.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's configuration table and the keys in code must agree, row for row. */
class ConfigDocumentationTest {
  private static final String BEGIN = "<!-- config-table:begin -->";
  private static final String END = "<!-- config-table:end -->";

  @Test
  void readmeTableListsEveryKeyWithItsDefaultAndEnvironmentVariable() throws IOException {
    List<String> documented = documentedRows();
    List<String> expected = new ArrayList<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      expected.add(
          row(key.name(), key.environmentVariable(), key.defaultText(), key.description()));
    }
    expected.add(
        row(
            ConfigKeys.INSTRUMENTATION_SWITCH,
            "JOULETRACE_INSTRUMENTATION_<NAME>_ENABLED",
            "true",
            "Switches one instrumentation off by its name (see the instrumentation table)."));
    assertThat(documented).containsExactlyElementsOf(expected);
  }

  static String row(String key, String env, String defaultText, String description) {
    return "| `" + key + "` | `" + env + "` | " + defaultText + " | " + description + " |";
  }

  private static List<String> documentedRows() throws IOException {
    String readme = Files.readString(readme(), StandardCharsets.UTF_8);
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    assertThat(begin).as("README has the config table markers").isGreaterThanOrEqualTo(0);
    assertThat(end).isGreaterThan(begin);
    List<String> rows = new ArrayList<>();
    for (String line : readme.substring(begin + BEGIN.length(), end).split("\n")) {
      String t = line.trim();
      if (t.startsWith("| `")) {
        rows.add(t);
      }
    }
    return rows;
  }

  private static Path readme() {
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("README.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("README.md above " + Paths.get("").toAbsolutePath()).isNotNull();
    return dir.resolve("README.md");
  }
}
