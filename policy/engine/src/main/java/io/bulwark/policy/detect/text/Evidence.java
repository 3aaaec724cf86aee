package io.bulwark.policy.detect.text;

/**
 * The evidence a finding carries: the offending part of the value as received. When decoding did
 * not change the value, that is exactly the span the detector judged; when it did, offsets in the
 * decoded text no longer point into the original, so the evidence is the original around the
 * proportional position, with a margin (the audit writer truncates and escapes it further).
 */
public final class Evidence {

  /** Enough context to recognise the attack in an audit line, not a whole body. */
  public static final int MAX = 200;

  private Evidence() {}

  public static String of(String original, String inspected, int start, int end) {
    if (original == null) {
      return "";
    }
    int from;
    int to;
    if (original == inspected || original.equals(inspected)) {
      from = clamp(start, original.length());
      to = clamp(Math.max(end, start), original.length());
    } else {
      double scale = inspected.isEmpty() ? 1 : (double) original.length() / inspected.length();
      // escapes shrink unevenly: a margin on both sides keeps the offending part inside
      from = clamp((int) (start * scale) - 8, original.length());
      to = clamp((int) Math.ceil(Math.max(end, start) * scale) + 8, original.length());
    }
    if (to - from > MAX) {
      to = from + MAX;
    }
    if (to <= from) {
      return original.length() <= MAX ? original : original.substring(0, MAX);
    }
    return original.substring(from, to);
  }

  private static int clamp(int v, int length) {
    return Math.max(0, Math.min(v, length));
  }
}
