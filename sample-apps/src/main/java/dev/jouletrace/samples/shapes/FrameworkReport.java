package dev.jouletrace.samples.shapes;

import java.lang.reflect.Array;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the framework itself reported about a training shape, printed as one line of JSON on
 * standard output: {@value #PREFIX}{@code {"mode":…,…}}.
 *
 * <p>The forked tests read that line and compare the agent's report with it, so every figure here
 * comes from DL4J, ND4J or DJL (their counters, results and listener callbacks), never from the
 * agent.
 */
public final class FrameworkReport {

  /** Start of the line; the JSON object follows it. */
  public static final String PREFIX = "FRAMEWORK-REPORT ";

  private final Map<String, Object> values = new LinkedHashMap<>();

  private FrameworkReport(String program, String mode) {
    values.put("program", program);
    values.put("mode", mode);
  }

  public static FrameworkReport of(Class<?> program, String mode) {
    return new FrameworkReport(program.getSimpleName(), mode);
  }

  /**
   * Adds {@code key}: strings, numbers, booleans, null, maps, lists and primitive arrays are
   * written as JSON; a non-finite double is written as a string ("NaN", "Infinity").
   */
  public FrameworkReport put(String key, Object value) {
    values.put(key, value);
    return this;
  }

  /** Prints the line on standard output. */
  public void print() {
    System.out.println(PREFIX + json(values));
    System.out.flush();
  }

  static String json(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isFinite(d)) {
        out.append(d);
      } else {
        string(out, Double.toString(d));
      }
    } else if (value instanceof Number) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(out, String.valueOf(entry.getKey()));
        out.append(':');
        write(out, entry.getValue());
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(out, list.get(i));
      }
      out.append(']');
    } else if (value.getClass().isArray()) {
      out.append('[');
      for (int i = 0; i < Array.getLength(value); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(out, Array.get(value, i));
      }
      out.append(']');
    } else {
      string(out, value.toString());
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
