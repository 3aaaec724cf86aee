package io.bulwark.policy.detect.text;

/**
 * An immutable set of lower-case ASCII words, looked up by a region of any text, case-insensitively
 * and without allocating: what lexers use to tell keywords from names on every word they read.
 */
public final class WordTable {

  private final String[] slots;
  private final int mask;
  /**
   * Bit {@code L} is set when some word is {@code L} long: most lookups (of words no table has) end on
   * it without hashing.
   */
  private final long lengths;
  /**
   * A bit per (length, first letter, last letter) of the words, folded into {@link #SHAPE_BITS}
   * bits: a lookup of a word no table has ("lamp", "white") ends on one bit test instead of hashing
   * and probing. Prose is read word by word against these tables, so this is most lookups.
   */
  private final long[] shapes = new long[SHAPE_BITS / 64];

  private static final int SHAPE_BITS = 4096;

  public WordTable(String... words) {
    int size = Integer.highestOneBit(Math.max(4, words.length * 4) - 1) << 1;
    slots = new String[size];
    mask = size - 1;
    long present = 0;
    for (String word : words) {
      String w = word.toLowerCase(java.util.Locale.ROOT);
      if (w.length() < 64) {
        present |= 1L << w.length();
      }
      if (!w.isEmpty()) {
        int shape = shape(w.length(), w.charAt(0), w.charAt(w.length() - 1));
        shapes[shape >>> 6] |= 1L << shape;
      }
      int slot = hash(w, 0, w.length()) & mask;
      while (slots[slot] != null && !slots[slot].equals(w)) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = w;
    }
    lengths = present;
  }

  /** The table's word equal (ignoring ASCII case) to {@code text[from, to)}, or {@code null}. */
  public String find(CharSequence text, int from, int to) {
    int length = to - from;
    if (length <= 0 || length > 40 || (lengths & (1L << length)) == 0) {
      return null;
    }
    int shape = shape(length, lowerAscii(text.charAt(from)), lowerAscii(text.charAt(to - 1)));
    if ((shapes[shape >>> 6] & (1L << shape)) == 0) {
      return null;
    }
    int slot = hash(text, from, to) & mask;
    String candidate;
    while ((candidate = slots[slot]) != null) {
      if (candidate.length() == length && matches(candidate, text, from)) {
        return candidate;
      }
      slot = (slot + 1) & mask;
    }
    return null;
  }

  public String find(CharSequence text) {
    return find(text, 0, text.length());
  }

  /** The words of this table. */
  public java.util.List<String> words() {
    java.util.List<String> words = new java.util.ArrayList<>();
    for (String slot : slots) {
      if (slot != null) {
        words.add(slot);
      }
    }
    return words;
  }

  public boolean contains(CharSequence text, int from, int to) {
    return find(text, from, to) != null;
  }

  private static boolean matches(String lower, CharSequence text, int from) {
    for (int i = 0; i < lower.length(); i++) {
      if (lowerAscii(text.charAt(from + i)) != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The shape bit of a word of {@code length} from {@code first} to {@code last} (lower case). */
  private static int shape(int length, char first, char last) {
    return ((length * 31 + first) * 37 + last) & (SHAPE_BITS - 1);
  }

  private static int hash(CharSequence text, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + lowerAscii(text.charAt(i));
    }
    return h ^ (h >>> 16);
  }

  public static char lowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }
}
