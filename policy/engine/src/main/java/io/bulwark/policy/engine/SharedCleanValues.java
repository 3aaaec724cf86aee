package io.bulwark.policy.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bulwark.bridge.AgentLog;
import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Source;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Header values and path segments found clean, across requests: a service sees the same few
 * User-Agent (and Referer, Accept-Language...) strings and the same path segments ({@code api},
 * {@code orders}) on most of its requests, and inspecting a value costs every detector's screen
 * (microseconds for a header the command and XSS detectors read whole) where this lookup costs a
 * hash of the value. A value's answer depends only on it, where it is (source and name: a header's
 * or a path variable's, none for a plain segment) and the categories inspected, which are the key
 * (the inspected set by identity: a policy keeps its set, a reload makes a new one). Only what the
 * detectors found clean is kept, so nothing can be let through that they would flag (the
 * inspector, by identity, is part of the key too). Bounded by entries and by value length; shared
 * by every request thread. Path segments with digits, identifiers new on most requests, are not
 * kept ({@link #isWordLike}); other values seen once seldom displace the repeated ones: Caffeine
 * admits a new entry over an old one only when it is the more frequent.
 */
final class SharedCleanValues {

  /** Entries kept at most (values of at most {@link #MAX_LENGTH} chars: about 1 MB at worst). */
  private static final int MAX_ENTRIES = 2048;
  /** Longer values are inspected every time: they are rarely repeated, and large to keep. */
  static final int MAX_LENGTH = 256;

  /**
   * {@code null} until built. The first request asks for it and goes on without it: building the
   * first Caffeine cache of the JVM loads some 80 classes (and java.util.logging, which must not
   * happen before the application has started), tens of milliseconds the first request would
   * otherwise wait for; a background thread builds it, and later requests use it.
   */
  private static volatile Cache<Key, Boolean> clean;
  private static final AtomicBoolean BUILDING = new AtomicBoolean();

  private SharedCleanValues() {}

  /**
   * Whether a path segment is worth keeping: one without digits ({@code orders}, {@code items},
   * {@code about-us}). Identifiers ({@code 42}, a UUID, {@code 2026-12}) are new on most requests,
   * and adding each costs more than inspecting it.
   */
  static boolean isWordLike(String segment) {
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c >= '0' && c <= '9') {
        return false;
      }
    }
    return true;
  }

  static boolean contains(ValueInspector inspector, Set<Category> inspected, Source source, String name,
      String value) {
    Cache<Key, Boolean> cache = cache();
    return cache != null && value.length() <= MAX_LENGTH
        && cache.getIfPresent(new Key(inspector, inspected, source, name, value)) != null;
  }

  static void add(ValueInspector inspector, Set<Category> inspected, Source source, String name, String value) {
    Cache<Key, Boolean> cache = clean;
    if (cache != null && value.length() <= MAX_LENGTH) {
      cache.put(new Key(inspector, inspected, source, name, value), Boolean.TRUE);
    }
  }

  /** The cache, or {@code null} while it is being built (the first call starts that). */
  static Cache<Key, Boolean> cache() {
    Cache<Key, Boolean> cache = clean;
    if (cache == null && BUILDING.compareAndSet(false, true)) {
      Thread builder = new Thread(new Builder(), "bulwark-cache-init");
      builder.setDaemon(true);
      builder.setContextClassLoader(SharedCleanValues.class.getClassLoader());
      builder.start();
    }
    return cache;
  }

  /** Waits until the cache is built, at most ten seconds (tests). */
  static Cache<Key, Boolean> awaitCache() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (cache() == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the shared clean-value cache was not built within 10 s");
      }
      Thread.sleep(5);
    }
    return clean;
  }

  private static final class Builder implements Runnable {
    @Override
    public void run() {
      try {
        clean = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .executor(Runnable::run) // maintenance on the calling thread: no pool thread for the agent
            .build();
      } catch (RuntimeException | LinkageError e) {
        // Values are then inspected every time: slower, never less safe.
        AgentLog.errorOnce("clean-values-cache", e, "request values are inspected without the shared cache");
      }
    }
  }

  private static final class Key {
    private final ValueInspector inspector;
    private final Set<Category> inspected;
    private final Source source;
    /** The header's or path variable's name; {@code null} for a plain path segment. */
    private final String name;
    private final String value;
    private final int hash;

    Key(ValueInspector inspector, Set<Category> inspected, Source source, String name, String value) {
      this.inspector = inspector;
      this.inspected = inspected;
      this.source = source;
      this.name = name;
      this.value = value;
      this.hash = (((System.identityHashCode(inspector) * 31 + System.identityHashCode(inspected)) * 31
          + source.hashCode()) * 31 + Objects.hashCode(name)) * 31 + value.hashCode();
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key)) {
        return false;
      }
      Key other = (Key) o;
      return other.inspector == inspector && other.inspected == inspected && other.source == source
          && Objects.equals(other.name, name) && other.value.equals(value);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
