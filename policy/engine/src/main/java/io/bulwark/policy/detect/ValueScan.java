package io.bulwark.policy.detect;

import io.bulwark.policy.detect.decode.InputDecoding;
import io.bulwark.policy.detect.text.Ascii;

/**
 * One value as every detector of one {@link Detectors#inspectAll} call shares it: its {@link
 * InputDecoding#decode} form, made at most once however many detectors read it (most values are
 * never decoded: the detectors' screens dismiss them first). Confined to the inspecting thread.
 */
public final class ValueScan {

  /** The classes of a value not read yet: every bit set, so every screen passes. */
  static final long UNKNOWN = io.bulwark.policy.detect.text.CharClasses.NOT_READ;

  private final String value;
  /** The value's {@link io.bulwark.policy.detect.text.CharClasses}, or {@link #UNKNOWN}. */
  private final long classes;
  private String decoded;

  private ValueScan(String value, long classes) {
    this.value = value;
    this.classes = classes;
  }

  /** A scan of {@code value}; nothing is read or decoded yet. */
  public static ValueScan of(String value) {
    return new ValueScan(value, UNKNOWN);
  }

  /**
   * A scan of {@code value} whose {@link io.bulwark.policy.detect.text.CharClasses} were read already
   * (or {@link #UNKNOWN}).
   */
  public static ValueScan of(String value, long classes) {
    return new ValueScan(value, classes);
  }

  /**
   * Whether the value holds any of {@code chars}: answered from the classes already read, when they
   * were, by {@code bits} (the classes of {@code chars}, or a superset of them: a yes may be
   * approximate, a no is exact); otherwise by reading the value. Lets a detector's screen skip the
   * scans the shared character-class read already made.
   */
  public boolean holdsAny(long bits, String chars) {
    return classes == UNKNOWN ? Ascii.containsAny(value, chars) : (classes & bits) != 0;
  }

  /** False only when the classes were read and hold none of {@code bits}: a guard before a search. */
  public boolean mayHold(long bits) {
    return (classes & bits) != 0;
  }

  /** False only when the classes were read and miss one of {@code bits}. */
  public boolean mayHoldAll(long bits) {
    return (classes & bits) == bits;
  }

  /** {@code InputDecoding.decode(value)}, computed the first time it is asked for. */
  public String decoded() {
    String d = decoded;
    if (d == null) {
      d = InputDecoding.decode(value);
      decoded = d;
    }
    return d;
  }
}
