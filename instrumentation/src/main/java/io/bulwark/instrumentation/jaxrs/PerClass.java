package io.bulwark.instrumentation.jaxrs;

import java.util.function.BiFunction;

/**
 * A value per class, made by reflection the first time the class is met ({@link ClassValue}: no
 * class loader is held beyond its classes' lifetime): a framework type's method handles.
 */
final class PerClass {

  /** Makes the value for a class by reflection. */
  interface Reflective<T> {
    T make(Class<?> type) throws ReflectiveOperationException;
  }

  private PerClass() {}

  /** The value, or {@code null} for a class without what {@code make} looks for. */
  static <T> ClassValue<T> orNull(Reflective<T> make) {
    return of(make, (type, e) -> null);
  }

  /**
   * The value; a class without what {@code make} looks for is a release of {@code framework}
   * Bulwark does not know, an error that names it.
   */
  static <T> ClassValue<T> required(String framework, Reflective<T> make) {
    return of(make, (type, e) -> {
      throw new IllegalStateException("unexpected " + framework + " API on " + type.getName(), e);
    });
  }

  private static <T> ClassValue<T> of(Reflective<T> make,
      BiFunction<Class<?>, ReflectiveOperationException, T> failed) {
    return new ClassValue<T>() {
      @Override
      protected T computeValue(Class<?> type) {
        try {
          return make.make(type);
        } catch (ReflectiveOperationException e) {
          return failed.apply(type, e);
        }
      }
    };
  }
}
