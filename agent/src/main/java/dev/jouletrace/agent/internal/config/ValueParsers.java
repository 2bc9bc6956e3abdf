package dev.jouletrace.agent.internal.config;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** Parsers for config values; each throws IllegalArgumentException on text it does not accept. */
final class ValueParsers {
  private ValueParsers() {}

  static Boolean bool(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    if (t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("1")) {
      return Boolean.TRUE;
    }
    if (t.equals("false") || t.equals("no") || t.equals("off") || t.equals("0")) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException(text);
  }

  static Function<String, Double> number(double min, double max) {
    return text -> {
      double v = Double.parseDouble(text);
      if (!(v >= min && v <= max)) {
        throw new IllegalArgumentException(text);
      }
      return v;
    };
  }

  static Function<String, Integer> integer(int min, int max) {
    return text -> {
      int v = Integer.parseInt(text);
      if (v < min || v > max) {
        throw new IllegalArgumentException(text);
      }
      return v;
    };
  }

  static Path path(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException(text);
    }
    return Paths.get(text);
  }

  /** {@code none}, or a path (kept as written). */
  static String pathOrNone(String text) {
    String trimmed = text.trim();
    if (trimmed.equals("none")) {
      return trimmed;
    }
    return path(trimmed).toString();
  }

  /** A comma-separated list of paths, at least one. */
  static List<Path> paths(String text) {
    List<Path> paths = new ArrayList<>();
    for (String item : text.split(",")) {
      if (!item.isBlank()) {
        paths.add(Paths.get(item.trim()));
      }
    }
    if (paths.isEmpty()) {
      throw new IllegalArgumentException(text);
    }
    return Collections.unmodifiableList(paths);
  }

  /** A W3C trace context {@code traceparent}: version, trace id, span id and flags in hex. */
  static String traceparent(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (!t.matches("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")) {
      throw new IllegalArgumentException(text);
    }
    return t;
  }

  static URI httpUri(String text) {
    URI uri = URI.create(text);
    String scheme = uri.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException(text);
    }
    return uri;
  }

  static String nonEmpty(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException(text);
    }
    return text;
  }

  static Function<String, String> oneOf(String... allowed) {
    Set<String> set = Set.of(allowed);
    return text -> {
      String t = text.toLowerCase(Locale.ROOT);
      if (!set.contains(t)) {
        throw new IllegalArgumentException(text);
      }
      return t;
    };
  }

  /** A comma- or space-separated list whose every item is one of {@code allowed}. */
  static Function<String, List<String>> listOf(String... allowed) {
    Set<String> set = Set.of(allowed);
    return text -> {
      List<String> items = new ArrayList<>();
      for (String item : text.toLowerCase(Locale.ROOT).split("[,\\s]+")) {
        if (item.isEmpty()) {
          continue;
        }
        if (!set.contains(item)) {
          throw new IllegalArgumentException(text);
        }
        if (!items.contains(item)) {
          items.add(item);
        }
      }
      return Collections.unmodifiableList(items);
    };
  }

  static List<String> split(String text) {
    return Arrays.asList(text.split("[,\\s]+"));
  }
}
