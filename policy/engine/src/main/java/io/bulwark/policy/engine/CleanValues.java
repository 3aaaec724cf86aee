package io.bulwark.policy.engine;

import io.bulwark.policy.detect.Source;

/**
 * The values one request's inspection already found clean, by source, name and value: arrays of
 * JSON objects repeat their keys (and often values) in every element, and the answer cannot
 * differ. An open-addressing table of at most {@link #MAX} entries of bounded length, its arrays
 * made on the first entry and grown when 3/4 full (half full once it holds a body's values): no
 * object per entry, no boxing, nothing concatenated. Confined to the request's thread.
 */
final class CleanValues {

  /** Entries kept at most; later clean values are simply inspected again. */
  static final int MAX = 512;
  /** Longer values (and names) are not kept: comparing them costs about as much as a screen. */
  static final int MAX_LENGTH = 256;
  /**
   * Room for the dozen values of a typical request without a body (at most 3/4 full); a request
   * with more (a JSON body's ~100 distinct strings) grows it at once to {@link #BODY_CAPACITY}.
   * Small because every request makes one: a first table of 128 slots was 2 KB of garbage per
   * request, most of the agent's allocation under load.
   */
  private static final int FIRST_CAPACITY = 16;
  /**
   * The first growth: room for a 2 KB JSON body's distinct strings at half load, so its table is
   * grown once, not three times (each rehash measured at ~1 µs).
   */
  private static final int BODY_CAPACITY = 256;

  /** Each slot's hash, never 0; 0 marks an empty slot, so a probe reads this array alone until a hash matches. */
  private int[] hashes;
  private Source[] sources;
  private String[] names;
  private String[] values;
  private int size;
  /**
   * The last names inspected as values ({@code name == value}: JSON keys, parameter names) that were
   * clean, by identity. A JSON parser hands out one String per distinct key, and arrays of objects
   * cycle through a few keys: most key lookups end here on a reference compare, without hashing.
   */
  private String[] recentNames;
  private Source[] recentSources;
  private int recentNext;

  private static final int RECENT = 8;

  /** Whether {@code (source, name, value)} was {@link #add added}; {@code value} is not null. */
  boolean contains(Source source, String name, String value) {
    if (size == 0 || !keepable(name, value)) {
      return false;
    }
    if (name == value && recentNames != null) {
      for (int i = 0; i < RECENT; i++) {
        if (recentNames[i] == value && recentSources[i] == source) {
          return true;
        }
      }
    }
    if (slotOf(hash(source, name, value), source, name, value) < 0) {
      return false;
    }
    if (name == value) {
      remember(source, value);
    }
    return true;
  }

  /** Remembers a clean {@code (source, name, value)}, unless too long or the table is full. */
  void add(Source source, String name, String value) {
    if (size >= MAX || !keepable(name, value)) {
      return;
    }
    if (hashes == null) {
      allocate(FIRST_CAPACITY);
    } else if (hashes.length < BODY_CAPACITY ? 4 * (size + 1) > 3 * hashes.length : 2 * (size + 1) > hashes.length) {
      grow(); // a body's table stays at most half full: most of its lookups miss (new values), and misses probe long at 3/4
    }
    int hash = hash(source, name, value);
    int slot = slotOf(hash, source, name, value);
    if (slot < 0) {
      put(~slot, hash, source, name, value);
    }
    if (name == value) {
      remember(source, value);
    }
  }

  private void remember(Source source, String name) {
    if (recentNames == null) {
      recentNames = new String[RECENT];
      recentSources = new Source[RECENT];
    }
    recentNames[recentNext] = name;
    recentSources[recentNext] = source;
    recentNext = (recentNext + 1) & (RECENT - 1);
  }

  private static boolean keepable(String name, String value) {
    return value.length() <= MAX_LENGTH && (name == null || name.length() <= MAX_LENGTH);
  }

  private static int hash(Source source, String name, String value) {
    int h = ((source.ordinal() * 31 + (name == null ? 0 : name.hashCode())) * 31 + value.hashCode()) * 0x9E3779B9;
    // String hashes of "LAMP-1", "LAMP-2", ... differ by one: unmixed they fill adjacent slots, and
    // a lookup of the next one walks the whole run (linear probing); the golden-ratio multiply spreads them
    h ^= h >>> 16;
    return h == 0 ? 1 : h;
  }

  /** The entry's slot, or {@code ~slot} of the empty slot where it would go. */
  private int slotOf(int hash, Source source, String name, String value) {
    int[] table = hashes;
    int mask = table.length - 1;
    int slot = hash & mask;
    for (int h; (h = table[slot]) != 0; slot = (slot + 1) & mask) {
      if (h == hash && sources[slot] == source && values[slot].equals(value)
          && (names[slot] == null ? name == null : names[slot].equals(name))) {
        return slot;
      }
    }
    return ~slot;
  }

  private void put(int slot, int hash, Source source, String name, String value) {
    hashes[slot] = hash;
    sources[slot] = source;
    names[slot] = name;
    values[slot] = value;
    size++;
  }

  private void allocate(int capacity) {
    hashes = new int[capacity];
    sources = new Source[capacity];
    names = new String[capacity];
    values = new String[capacity];
    size = 0;
  }

  private void grow() {
    int[] oldHashes = hashes;
    Source[] oldSources = sources;
    String[] oldNames = names;
    String[] oldValues = values;
    allocate(Math.max(oldHashes.length * 2, BODY_CAPACITY));
    int mask = hashes.length - 1;
    for (int i = 0; i < oldHashes.length; i++) {
      if (oldHashes[i] != 0) {
        int slot = oldHashes[i] & mask;
        while (hashes[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        put(slot, oldHashes[i], oldSources[i], oldNames[i], oldValues[i]);
      }
    }
  }
}
