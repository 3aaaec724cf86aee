package io.bulwark.policy.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bulwark.policy.detect.Category;
import java.util.Set;

/**
 * Header values found clean, across requests: a service sees the same few User-Agent (and Referer,
 * Accept-Language...) strings on most of its requests, and inspecting one costs microseconds (the
 * command and XSS detectors read it whole) where this lookup costs a hash of the value. A value's
 * answer depends only on it, its header's name and the categories inspected, which are the key
 * (the inspected set by identity: a policy keeps its set, a reload makes a new one). Only what the
 * detectors found clean is kept, so nothing can be let through that they would flag (the
 * inspector, by identity, is part of the key too). Bounded by
 * entries and by value length; shared by every request thread.
 */
final class CleanHeaders {

  /** Entries kept at most (values of at most {@link #MAX_LENGTH} chars: about 1 MB at worst). */
  private static final int MAX_ENTRIES = 2048;
  /** Longer values are inspected every time: they are rarely repeated, and large to keep. */
  static final int MAX_LENGTH = 256;

  private static final Cache<Key, Boolean> CLEAN = Caffeine.newBuilder()
      .maximumSize(MAX_ENTRIES)
      .executor(Runnable::run) // maintenance on the calling thread: no pool thread for the agent
      .build();

  private CleanHeaders() {}

  static boolean contains(ValueInspector inspector, Set<Category> inspected, String name, String value) {
    return value.length() <= MAX_LENGTH && CLEAN.getIfPresent(new Key(inspector, inspected, name, value)) != null;
  }

  static void add(ValueInspector inspector, Set<Category> inspected, String name, String value) {
    if (value.length() <= MAX_LENGTH) {
      CLEAN.put(new Key(inspector, inspected, name, value), Boolean.TRUE);
    }
  }

  /** Forgets every entry (tests). */
  static void clear() {
    CLEAN.invalidateAll();
  }

  private static final class Key {
    private final ValueInspector inspector;
    private final Set<Category> inspected;
    private final String name;
    private final String value;
    private final int hash;

    Key(ValueInspector inspector, Set<Category> inspected, String name, String value) {
      this.inspector = inspector;
      this.inspected = inspected;
      this.name = name;
      this.value = value;
      this.hash = ((System.identityHashCode(inspector) * 31 + System.identityHashCode(inspected)) * 31
          + name.hashCode()) * 31 + value.hashCode();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key && ((Key) o).inspector == inspector && ((Key) o).inspected == inspected && ((Key) o).name.equals(name)
          && ((Key) o).value.equals(value);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
