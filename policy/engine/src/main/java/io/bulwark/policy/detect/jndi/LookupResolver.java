package io.bulwark.policy.detect.jndi;

/**
 * Resolves the Log4j-style lookups an attacker nests to spell {@code jndi:} without writing it:
 * {@code ${lower:J}}, {@code ${upper:j}}, {@code ${::-j}}, {@code ${env:NOPE:-j}}, {@code
 * ${date:'j'}}, any unknown lookup (which resolves to its default or to nothing). One pass with a
 * stack of open lookups, bounded in depth: deeper {@code ${} are kept as text, so the work stays
 * linear in the input times that bound.
 */
public final class LookupResolver {

  /** Open lookups followed; deeper ones are read as plain text. */
  public static final int MAX_DEPTH = 64;

  /** Characters kept of one lookup's content: enough to see what it names and defaults to. */
  static final int MAX_LOOKUP = 4096;

  private LookupResolver() {}

  /**
   * The start offset (in {@code text}) of the first lookup whose resolved content begins with
   * {@code jndi:} (ignoring case and whitespace), or -1.
   */
  public static int findJndi(String text) {
    StringBuilder resolved = new StringBuilder();
    int at = findJndi(text, resolved);
    if (at >= 0) {
      return at;
    }
    // Log4j resolves the result of a lookup again: ${env:x:-$}{jndi:...} becomes ${jndi:...}
    String again = resolved.toString();
    if (!again.equals(text) && again.indexOf("${") >= 0) {
      return findJndi(again, new StringBuilder()) >= 0 ? Math.max(0, text.indexOf("${")) : -1;
    }
    return -1;
  }

  private static int findJndi(String text, StringBuilder top) {
    int first = text.indexOf("${");
    if (first < 0) {
      return -1;
    }
    top.append(text, 0, first);
    StringBuilder[] stack = new StringBuilder[MAX_DEPTH + 1];
    int[] starts = new int[MAX_DEPTH + 1];
    int depth = 0;
    stack[0] = top;
    int n = text.length();
    for (int i = first; i < n; i++) {
      char c = text.charAt(i);
      if (c == '$' && i + 1 < n && text.charAt(i + 1) == '{' && depth < MAX_DEPTH) {
        depth++;
        if (stack[depth] == null) {
          stack[depth] = new StringBuilder();
        } else {
          stack[depth].setLength(0);
        }
        starts[depth] = i;
        i++;
        continue;
      }
      if (c == '}' && depth > 0) {
        StringBuilder content = stack[depth];
        if (startsWithJndi(content)) {
          return starts[depth];
        }
        depth--;
        resolve(content, stack[depth]);
        continue;
      }
      if (depth == 0 ? top.length() < text.length() : stack[depth].length() < MAX_LOOKUP) {
        stack[depth].append(c);
      }
    }
    // lookups left open at the end: Log4j would not resolve them, but a truncated log line might
    for (int d = 1; d <= depth; d++) {
      if (startsWithJndi(stack[d])) {
        return starts[d];
      }
    }
    return -1;
  }

  /** Appends what the lookup {@code content} resolves to onto {@code out}. */
  private static void resolve(StringBuilder content, StringBuilder out) {
    int colon = indexOf(content, ':', 0);
    if (colon < 0) {
      return; // ${name}: an unset variable, nothing
    }
    String prefix = content.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
    int defaultAt = indexOf2(content, ":-");
    if ("lower".equals(prefix) || "upper".equals(prefix)) {
      append(out, content, colon + 1, content.length());
      return;
    }
    if (defaultAt >= 0) {
      append(out, content, defaultAt + 2, content.length());
      return;
    }
    if ("date".equals(prefix)) {
      // date patterns quote literal text: ${date:'j'}
      for (int k = colon + 1; k < content.length(); k++) {
        char c = content.charAt(k);
        if (c != '\'' && out.length() < MAX_LOOKUP) {
          out.append(c);
        }
      }
      return;
    }
    if ("jndi".equals(prefix)) {
      append(out, content, 0, content.length()); // kept so that an enclosing lookup still shows it
    }
    // env:, sys:, java:, ctx:, main:, bundle:, ... : unknown here, resolve to nothing
  }

  private static void append(StringBuilder out, StringBuilder from, int start, int end) {
    for (int k = start; k < end && out.length() < MAX_LOOKUP * 16; k++) {
      out.append(from.charAt(k));
    }
  }

  private static int indexOf(StringBuilder s, char c, int from) {
    for (int k = from; k < s.length(); k++) {
      if (s.charAt(k) == c) {
        return k;
      }
    }
    return -1;
  }

  private static int indexOf2(StringBuilder s, String two) {
    for (int k = 0; k + 1 < s.length(); k++) {
      if (s.charAt(k) == two.charAt(0) && s.charAt(k + 1) == two.charAt(1)) {
        return k;
      }
    }
    return -1;
  }

  static boolean startsWithJndi(CharSequence s) {
    int k = 0;
    while (k < s.length() && s.charAt(k) <= ' ') {
      k++;
    }
    String want = "jndi:";
    int matched = 0;
    for (; k < s.length() && matched < want.length(); k++) {
      char c = Character.toLowerCase(s.charAt(k));
      if (c <= ' ') {
        continue;
      }
      if (c != want.charAt(matched)) {
        return false;
      }
      matched++;
    }
    return matched == want.length();
  }
}
