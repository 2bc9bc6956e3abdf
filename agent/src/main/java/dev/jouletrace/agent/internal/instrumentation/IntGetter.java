package dev.jouletrace.agent.internal.instrumentation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * A public no-argument {@code int} method called by name through a method handle looked up once per
 * class: it boxes nothing, so it may run once per batch. Returns -1 when the method is absent;
 * after it throws once (a framework state it does not expect), it is not called again, so that no
 * exception is made per batch.
 */
public final class IntGetter {
  private static final MethodType SHAPE = MethodType.methodType(int.class, Object.class);
  private static final MethodHandle ABSENT =
      MethodHandles.dropArguments(MethodHandles.constant(int.class, -1), 0, Object.class);

  private final NoArgCall method;
  private volatile boolean broken;
  private final ClassValue<MethodHandle> handles =
      new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
          Method m = method.find(type);
          if (m == null || m.getReturnType() != int.class) {
            return ABSENT;
          }
          try {
            return MethodHandles.publicLookup().unreflect(m).asType(SHAPE);
          } catch (IllegalAccessException e) {
            return ABSENT;
          }
        }
      };

  /** Calls the method an instrumentation declared as an accessor, on any class that has it. */
  public IntGetter(Accessor accessor) {
    this.method = new NoArgCall(accessor);
  }

  public int on(Object target) {
    if (target == null || broken) {
      return -1;
    }
    try {
      return (int) handles.get(target.getClass()).invokeExact(target);
    } catch (Throwable t) {
      broken = true;
      return -1;
    }
  }
}
