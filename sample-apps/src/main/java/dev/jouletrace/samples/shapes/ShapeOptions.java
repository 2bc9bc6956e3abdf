package dev.jouletrace.samples.shapes;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options of a shape program: {@code --mode} picks the shape, the others have
 * defaults per program.
 */
final class ShapeOptions {
  private final Map<String, String> values = new HashMap<>();

  private ShapeOptions() {}

  /**
   * Parses {@code args}; {@code modes} lists the accepted {@code --mode} values, {@code names} the
   * other accepted options.
   */
  static ShapeOptions parse(String[] args, Set<String> modes, Set<String> names) {
    ShapeOptions options = new ShapeOptions();
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i];
      if (!name.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + name);
      }
      String key = name.substring(2);
      if (!key.equals("mode") && !names.contains(key)) {
        throw new IllegalArgumentException("unknown option " + name + "; expected " + names);
      }
      options.values.put(key, args[i + 1]);
    }
    String mode = options.values.get("mode");
    if (mode == null || !modes.contains(mode)) {
      throw new IllegalArgumentException("--mode must be one of " + modes + ", got " + mode);
    }
    return options;
  }

  String mode() {
    return values.get("mode");
  }

  int integer(String name, int defaultValue) {
    String value = values.get(name);
    int parsed = value == null ? defaultValue : Integer.parseInt(value);
    if (parsed < 1) {
      throw new IllegalArgumentException("--" + name + " must be positive, got " + parsed);
    }
    return parsed;
  }
}
