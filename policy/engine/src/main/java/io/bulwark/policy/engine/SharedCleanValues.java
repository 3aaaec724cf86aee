package io.bulwark.policy.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Source;
import java.util.Objects;
import java.util.Set;

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

  private static final Cache<Key, Boolean> CLEAN = Caffeine.newBuilder()
      .maximumSize(MAX_ENTRIES)
      .executor(Runnable::run) // maintenance on the calling thread: no pool thread for the agent
      .build();

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
    return value.length() <= MAX_LENGTH
        && CLEAN.getIfPresent(new Key(inspector, inspected, source, name, value)) != null;
  }

  static void add(ValueInspector inspector, Set<Category> inspected, Source source, String name, String value) {
    if (value.length() <= MAX_LENGTH) {
      CLEAN.put(new Key(inspector, inspected, source, name, value), Boolean.TRUE);
    }
  }

  /** Forgets every entry (tests). */
  static void clear() {
    CLEAN.invalidateAll();
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
