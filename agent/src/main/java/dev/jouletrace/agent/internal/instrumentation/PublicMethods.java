package dev.jouletrace.agent.internal.instrumentation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** Finding a framework method where it can be invoked from outside: on a public type. */
final class PublicMethods {
  private PublicMethods() {}

  /**
   * The public method {@code name(parameters)} as declared by {@code type}, one of its superclasses
   * or one of their interfaces that is public (a public method of a private class cannot be invoked
   * through that class), or null.
   */
  static Method find(Class<?> type, String name, Class<?>... parameters) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      Method m = declared(c, name, parameters);
      if (m != null) {
        return m;
      }
      for (Class<?> i : c.getInterfaces()) {
        Method fromInterface = declared(i, name, parameters);
        if (fromInterface != null) {
          return fromInterface;
        }
      }
    }
    return null;
  }

  private static Method declared(Class<?> c, String name, Class<?>... parameters) {
    if (!Modifier.isPublic(c.getModifiers())) {
      return null;
    }
    try {
      Method m = c.getDeclaredMethod(name, parameters);
      return Modifier.isPublic(m.getModifiers()) ? m : null;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
