package dev.jouletrace.agent.internal.instrumentation;

import java.lang.reflect.Method;

/**
 * A public no-argument method called reflectively by name, looked up once per class: the agent has
 * no compile-time dependency on any framework. Returns null when the method is absent or throws.
 */
public final class NoArgCall {
  private final String methodName;
  private final ClassValue<Method> lookup =
      new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
          return find(type);
        }
      };

  /** Calls the method an instrumentation declared as an accessor, on any class that has it. */
  public NoArgCall(Accessor accessor) {
    this.methodName = accessor.name();
  }

  public Object on(Object target) {
    if (target == null) {
      return null;
    }
    Method m = lookup.get(target.getClass());
    if (m == null) {
      return null;
    }
    try {
      return m.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** The method as declared by a public class or interface, so that it can be invoked. */
  Method find(Class<?> type) {
    return PublicMethods.find(type, methodName);
  }
}
