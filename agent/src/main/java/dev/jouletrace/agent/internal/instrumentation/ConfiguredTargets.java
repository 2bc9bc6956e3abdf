package dev.jouletrace.agent.internal.instrumentation;

import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy.EpochStart;
import dev.jouletrace.agent.internal.lifecycle.ProgressReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code jouletrace.targets} setting: more methods to measure, for a framework without a
 * built-in instrumentation or a hand-written loop. They become one instrumentation named {@code
 * targets}, installed through the same path as the built-in ones.
 *
 * <p>Syntax: comma-separated entries {@code class#method[(type,type)]:role}, where the class and
 * parameter types are fully qualified binary names ({@code a.b.Outer$Inner}, arrays as {@code
 * int[]}), the parameter list is optional (without it every overload matches) and the role is one
 * of {@code run}, {@code epoch}, {@code step}, {@code validation}. For example {@code
 * com.acme.Trainer#trainAll:run,com.acme.Trainer#oneEpoch(int):epoch,com.acme.Trainer#step:step}.
 */
public final class ConfiguredTargets {
  public static final String INSTRUMENTATION_NAME = "targets";

  private ConfiguredTargets() {}

  /**
   * @param problems one line per entry that cannot be read; the other entries still apply
   * @return the instrumentation, or null when no entry is usable
   */
  public static TrainingInstrumentation parse(
      String text, String framework, Consumer<String> problems) {
    if (text == null || text.isBlank()) {
      return null;
    }
    List<Target> targets = new ArrayList<>();
    for (String entry : splitEntries(text)) {
      Target t = parseEntry(entry);
      if (t == null) {
        problems.accept(
            "jouletrace.targets entry '"
                + entry
                + "' is not class#method[(parameter types)]:role with role run, epoch, step or"
                + " validation; it is ignored");
      } else {
        targets.add(t);
      }
    }
    if (targets.isEmpty()) {
      return null;
    }
    return new TrainingInstrumentation(
        INSTRUMENTATION_NAME,
        framework,
        targets,
        List.of(),
        new FrameworkPolicy(ProgressReader.NONE, EpochStart.AT_EPOCH_CALL),
        TrainingInstrumentation.Checking.EACH_CLASS);
  }

  /** Splits at commas outside parentheses. */
  static List<String> splitEntries(String text) {
    List<String> entries = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ',';
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth <= 0) {
        String entry = text.substring(from, i).trim();
        if (!entry.isEmpty()) {
          entries.add(entry);
        }
        from = i + 1;
      }
    }
    return entries;
  }

  static Target parseEntry(String entry) {
    int colon = entry.lastIndexOf(':');
    int hash = entry.indexOf('#');
    if (colon < 0 || hash <= 0 || hash > colon) {
      return null;
    }
    Role role = Role.ofLabel(entry.substring(colon + 1).trim());
    String className = entry.substring(0, hash).trim();
    String method = entry.substring(hash + 1, colon).trim();
    List<String> parameters = null;
    int open = method.indexOf('(');
    if (open >= 0) {
      if (!method.endsWith(")")) {
        return null;
      }
      String inside = method.substring(open + 1, method.length() - 1).trim();
      method = method.substring(0, open).trim();
      parameters = new ArrayList<>();
      if (!inside.isEmpty()) {
        for (String p : Arrays.asList(inside.split(","))) {
          String type = p.trim();
          if (!isName(type.replace("[]", ""))) {
            return null;
          }
          parameters.add(type);
        }
      }
    }
    if (role == null || !isName(className) || !isIdentifier(method)) {
      return null;
    }
    return Target.ofRole(className, method, role, parameters);
  }

  private static boolean isName(String s) {
    if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
      return false;
    }
    for (String part : s.split("\\.")) {
      if (!isIdentifier(part)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIdentifier(String s) {
    if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!Character.isJavaIdentifierPart(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
