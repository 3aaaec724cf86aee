package io.bulwark.policy.util;

import java.util.function.Supplier;

/**
 * A value made on first use, once, thread-safely. The agent builds its policy in premain, before
 * the application has set up its logging; some libraries (Caffeine, protobuf) obtain a
 * {@code java.util.logging} or {@code System.Logger} logger when their classes initialize, which
 * starts java.util.logging's LogManager for the whole JVM. Parts built with them are therefore made
 * when the first request needs them, after the application's own start-up.
 */
public final class Lazy<T> implements Supplier<T> {

  private final Supplier<T> factory;
  private volatile T value;

  private Lazy(Supplier<T> factory) {
    this.factory = factory;
  }

  public static <T> Lazy<T> of(Supplier<T> factory) {
    return new Lazy<>(factory);
  }

  @Override
  public T get() {
    T current = value;
    if (current == null) {
      synchronized (this) {
        current = value;
        if (current == null) {
          current = factory.get();
          value = current;
        }
      }
    }
    return current;
  }
}
