package dev.jouletrace.agent.internal.instrumentation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * A public no-argument {@code double} method called by name through a method handle looked up once
 * per class: unlike reflection it boxes nothing, so it may run once per batch. Returns NaN when the
 * method is absent or throws.
 */
public final class DoubleGetter {
  private static final MethodType SHAPE = MethodType.methodType(double.class, Object.class);
  private static final MethodHandle ABSENT =
      MethodHandles.dropArguments(
          MethodHandles.constant(double.class, Double.NaN), 0, Object.class);

  private final NoArgCall method;
  private final ClassValue<MethodHandle> handles =
      new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
          Method m = method.find(type);
          if (m == null || m.getReturnType() != double.class) {
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
  public DoubleGetter(Accessor accessor) {
    this.method = new NoArgCall(accessor);
  }

  public double on(Object target) {
    if (target == null) {
      return Double.NaN;
    }
    try {
      return (double) handles.get(target.getClass()).invokeExact(target);
    } catch (Throwable t) {
      return Double.NaN;
    }
  }
}
