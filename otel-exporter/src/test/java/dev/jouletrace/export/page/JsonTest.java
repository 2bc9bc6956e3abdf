package dev.jouletrace.export.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void readsWhatTheReportWrites() {
    Object v = Json.parse("{\"a\": [1, -2.5e3, null, true], \"b\": {\"c\": \"x\\\"\\u00e9\\n\"}}");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("a", Arrays.asList(1.0, -2500.0, null, true));
    expected.put("b", Map.of("c", "x\"é\n"));
    assertThat(v).isEqualTo(expected);
  }

  @Test
  void saysWhereTextIsNotJson() {
    assertThatThrownBy(() -> Json.parse("{\"a\": [1, 2}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("character 11");
    assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("text after the value");
  }
}
