package io.bulwark.policy.path;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A request path in the one spelling the rules are matched on: percent-decoded, path parameters
 * removed, dot segments resolved, empty segments and the trailing slash dropped. Or, when the raw
 * path is malformed or ambiguous, the reason it must be refused.
 */
public final class CanonicalPath {

  static final CanonicalPath ROOT = new CanonicalPath(new String[0], null, true);

  private final String[] segments;
  private final Rejection rejection;
  private final boolean plain;
  private String path;

  private CanonicalPath(String[] segments, Rejection rejection, boolean plain) {
    this.segments = segments;
    this.rejection = rejection;
    this.plain = plain;
  }

  static CanonicalPath of(String[] segments, boolean plain) {
    return segments.length == 0 && plain ? ROOT : new CanonicalPath(segments, null, plain);
  }

  static CanonicalPath rejected(Rejection rejection) {
    return new CanonicalPath(new String[0], rejection, false);
  }

  /**
   * True when the raw path needed no decoding, parameter cutting or dot and empty segment
   * resolution (a trailing slash aside): every server reads such a path as the same segments.
   */
  public boolean isPlain() {
    return plain;
  }

  /** True when the raw path must be refused (400) rather than matched. */
  public boolean isRejected() {
    return rejection != null;
  }

  /** Why the raw path was refused, or {@code null}. */
  public Rejection rejection() {
    return rejection;
  }

  /** The decoded segments, in order; empty for the root path. */
  public List<String> segments() {
    return Collections.unmodifiableList(Arrays.asList(segments));
  }

  /** The number of segments; 0 for the root. */
  public int segmentCount() {
    return segments.length;
  }

  /** The decoded segment at {@code index}. */
  public String segment(int index) {
    return segments[index];
  }

  /** The canonical path as one string, e.g. {@code /api/admin}; {@code /} for the root. */
  public String path() {
    String p = path;
    if (p == null) {
      p = segments.length == 0 ? "/" : "/" + String.join("/", segments);
      path = p;
    }
    return p;
  }

  @Override
  public String toString() {
    return isRejected() ? "rejected(" + rejection.code() + ")" : path();
  }
}
