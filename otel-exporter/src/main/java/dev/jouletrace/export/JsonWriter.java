package dev.jouletrace.export;

/**
 * A minimal streaming JSON writer for the report: enough for objects, arrays, strings and numbers,
 * so the agent needs no JSON library. Non-finite numbers are written as null. Indented, or compact
 * (one line, for JSON Lines).
 */
final class JsonWriter {
  private final StringBuilder out;
  private final boolean compact;
  private boolean needsComma;
  private int depth;

  /** An indented writer. */
  JsonWriter() {
    this(new StringBuilder(4096), false);
  }

  private JsonWriter(StringBuilder out, boolean compact) {
    this.out = out;
    this.compact = compact;
  }

  /** A writer of one-line values, for JSON Lines. */
  static JsonWriter compact() {
    return new JsonWriter(new StringBuilder(2048), true);
  }

  /** Empties the writer to write the next value, keeping its buffer. */
  JsonWriter reset() {
    out.setLength(0);
    needsComma = false;
    depth = 0;
    return this;
  }

  /** Empties the buffer after its text was taken, keeping the place in the value being written. */
  JsonWriter drain() {
    out.setLength(0);
    return this;
  }

  /** Writes raw, already valid JSON as the next value (an element of an array being written). */
  JsonWriter raw(CharSequence json) {
    value();
    out.append(json);
    needsComma = true;
    return this;
  }

  /** The text written so far. */
  CharSequence text() {
    return out;
  }

  JsonWriter beginObject() {
    value();
    out.append('{');
    depth++;
    needsComma = false;
    return this;
  }

  JsonWriter endObject() {
    depth--;
    newline();
    out.append('}');
    needsComma = true;
    return this;
  }

  JsonWriter beginArray() {
    value();
    out.append('[');
    depth++;
    needsComma = false;
    return this;
  }

  JsonWriter endArray() {
    depth--;
    newline();
    out.append(']');
    needsComma = true;
    return this;
  }

  JsonWriter name(String name) {
    if (needsComma) {
      out.append(',');
    }
    newline();
    string(name);
    out.append(compact ? ":" : ": ");
    needsComma = false;
    return this;
  }

  JsonWriter value(String s) {
    value();
    if (s == null) {
      out.append("null");
    } else {
      string(s);
    }
    needsComma = true;
    return this;
  }

  JsonWriter value(double d) {
    value();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      out.append("null");
    } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      out.append((long) d).append(".0");
    } else {
      out.append(d);
    }
    needsComma = true;
    return this;
  }

  JsonWriter value(Double d) {
    return d == null ? nullValue() : value(d.doubleValue());
  }

  JsonWriter value(long n) {
    value();
    out.append(n);
    needsComma = true;
    return this;
  }

  JsonWriter value(boolean b) {
    value();
    out.append(b);
    needsComma = true;
    return this;
  }

  JsonWriter nullValue() {
    value();
    out.append("null");
    needsComma = true;
    return this;
  }

  /** Separates array elements; object members are separated by {@link #name}. */
  private void value() {
    if (needsComma) {
      out.append(',');
      newline();
    } else if (depth > 0 && out.length() > 0 && out.charAt(out.length() - 1) == '[') {
      newline();
    }
  }

  private void newline() {
    if (compact) {
      return;
    }
    out.append('\n');
    for (int i = 0; i < depth; i++) {
      out.append("  ");
    }
  }

  private void string(String s) {
    JsonText.quote(out, s);
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
