package dev.jouletrace.export;

/** JSON string literals: the one escaping rule of every JSON this module writes. */
public final class JsonText {
  private JsonText() {}

  /**
   * Appends {@code s} as a quoted JSON string: quote, backslash and control characters escaped, and
   * the line and paragraph separators too, so that the text stays one line wherever it is read.
   */
  public static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
