package dev.jouletrace.agent.internal.instrumentation;

import java.lang.reflect.Field;

/**
 * A framework field read by name (an accessor the instrumentation declared), looked up once per
 * class; for reads at run boundaries, not per batch. Returns null when the field is absent or
 * cannot be read.
 */
public final class FieldRead {
  private final String fieldName;
  private final ClassValue<Field> fields =
      new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
          for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
              Field f = c.getDeclaredField(fieldName);
              f.setAccessible(true);
              return f;
            } catch (NoSuchFieldException e) {
              // look in the superclass
            } catch (RuntimeException e) {
              return null;
            }
          }
          return null;
        }
      };

  public FieldRead(Accessor accessor) {
    if (accessor.kind() != Accessor.Kind.FIELD) {
      throw new IllegalArgumentException("not a field: " + accessor);
    }
    this.fieldName = accessor.name();
  }

  public Object on(Object target) {
    if (target == null) {
      return null;
    }
    Field f = fields.get(target.getClass());
    try {
      return f == null ? null : f.get(target);
    } catch (IllegalAccessException | RuntimeException e) {
      return null;
    }
  }
}
