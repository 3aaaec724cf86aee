package io.bulwark.policy.engine;

import io.bulwark.policy.detect.Source;
import io.bulwark.policy.detect.text.CharClasses;

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

  /**
   * The value {@link #contains} last read, for {@link #classesOf} and {@link #add}: the detectors
   * need its character classes and the table its hash, and both come from one pass over it; a new
   * value (most of a body's) is then read once, not three times (hash, classes, probe again).
   */
  private String lastValue;
  private String lastName;
  private Source lastSource;
  private long lastClasses = CharClasses.NOT_READ;
  private int lastHash;
  /** The empty slot where the last value would go, while {@link #hashes} and {@link #size} are as they were. */
  private int lastSlot = -1;
  private int[] lastSlotTable;
  private int lastSlotSize;

  /**
   * Whether {@code (source, name, value)} was {@link #add added}; {@code value} is not null. Reads
   * the value's character classes on the way ({@link #classesOf}).
   */
  boolean contains(Source source, String name, String value) {
    if (!keepable(name, value)) {
      return false;
    }
    if (name == value && recentNames != null) {
      for (int i = 0; i < RECENT; i++) {
        if (recentNames[i] == value && recentSources[i] == source) {
          return true;
        }
      }
    }
    read(source, name, value);
    if (size == 0) {
      return false;
    }
    int slot = slotOf(lastHash, source, name, value);
    if (slot < 0) {
      lastSlot = ~slot;
      lastSlotTable = hashes;
      lastSlotSize = size;
      return false;
    }
    if (name == value) {
      remember(source, value);
    }
    return true;
  }

  /**
   * {@code CharClasses.of(value)} when {@link #contains} just read {@code value}, else
   * {@code CharClasses.NOT_READ}.
   */
  long classesOf(String value) {
    return value == lastValue ? lastClasses : CharClasses.NOT_READ;
  }

  /** Remembers a clean {@code (source, name, value)}, unless too long or the table is full. */
  void add(Source source, String name, String value) {
    if (size >= MAX || !keepable(name, value)) {
      return;
    }
    boolean read = value == lastValue && name == lastName && source == lastSource;
    int hash = read ? lastHash : hash(source, name, value.hashCode());
    if (hashes == null) {
      allocate(FIRST_CAPACITY);
    } else if (hashes.length < BODY_CAPACITY ? 4 * (size + 1) > 3 * hashes.length : 2 * (size + 1) > hashes.length) {
      grow(); // a body's table stays at most half full: most of its lookups miss (new values), and misses
      // probe long at 3/4
    }
    int slot = read && lastSlotTable == hashes && lastSlotSize == size
        ? ~lastSlot // contains() probed this very table and found it missing
        : slotOf(hash, source, name, value);
    if (slot < 0) {
      put(~slot, hash, source, name, value);
    }
    lastSlotTable = null;
    if (name == value) {
      remember(source, value);
    }
  }

  /** One pass over the value: its character classes and its hash (String's, so {@link #hash} agrees). */
  private void read(Source source, String name, String value) {
    long classes = 0;
    int h = 0;
    for (int i = 0, n = value.length(); i < n; i++) {
      classes |= CharClasses.at(value, i);
      h = 31 * h + value.charAt(i);
    }
    lastValue = value;
    lastName = name;
    lastSource = source;
    lastClasses = classes;
    lastHash = hash(source, name, h);
    lastSlotTable = null;
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

  private static int hash(Source source, String name, int valueHash) {
    int h = ((source.ordinal() * 31 + (name == null ? 0 : name.hashCode())) * 31 + valueHash) * 0x9E3779B9;
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
