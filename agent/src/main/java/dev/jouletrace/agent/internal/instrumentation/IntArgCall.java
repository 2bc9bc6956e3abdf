package dev.jouletrace.agent.internal.instrumentation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * A public method taking one {@code int}, called by name through a method handle looked up once per
 * class (boxing nothing, so it may run once per batch): {@code getFeatures(0)}, {@code size(0)}.
 * Returns null (or -1 as a number) when the method is absent or throws.
 */
public final class IntArgCall {
  private static final MethodType OBJECT_SHAPE =
      MethodType.methodType(Object.class, Object.class, int.class);
  private static final MethodType LONG_SHAPE =
      MethodType.methodType(long.class, Object.class, int.class);

  private final String methodName;
  private final ClassValue<MethodHandle> handles =
      new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
          Method m = find(type);
          if (m == null) {
            return null;
          }
          try {
            MethodHandle h = MethodHandles.publicLookup().unreflect(m);
            return m.getReturnType() == long.class || m.getReturnType() == int.class
                ? h.asType(LONG_SHAPE)
                : m.getReturnType().isPrimitive() ? null : h.asType(OBJECT_SHAPE);
          } catch (IllegalAccessException e) {
            return null;
          }
        }
      };

  /** Calls the method an instrumentation declared as an accessor (one {@code int} parameter). */
  public IntArgCall(Accessor accessor) {
    this.methodName = accessor.name();
  }

  /** The object the method returns for {@code argument}, or null. */
  public Object object(Object target, int argument) {
    MethodHandle h = target == null ? null : handles.get(target.getClass());
    if (h == null || h.type().returnType() != Object.class) {
      return null;
    }
    try {
      return (Object) h.invokeExact(target, argument);
    } catch (Throwable t) {
      return null;
    }
  }

  /** The number the method returns for {@code argument}, or -1. */
  public long number(Object target, int argument) {
    MethodHandle h = target == null ? null : handles.get(target.getClass());
    if (h == null || h.type().returnType() != long.class) {
      return -1;
    }
    try {
      return (long) h.invokeExact(target, argument);
    } catch (Throwable t) {
      return -1;
    }
  }

  private Method find(Class<?> type) {
    return PublicMethods.find(type, methodName, int.class);
  }
}
