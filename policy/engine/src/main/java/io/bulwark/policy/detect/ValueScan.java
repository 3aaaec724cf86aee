package io.bulwark.policy.detect;

import io.bulwark.policy.detect.decode.InputDecoding;

/**
 * One value as every detector of one {@link Detectors#inspectAll} call shares it: its {@link
 * InputDecoding#decode} form, made at most once however many detectors read it (most values are
 * never decoded: the detectors' screens dismiss them first). Confined to the inspecting thread.
 */
public final class ValueScan {

  private final String value;
  private String decoded;

  private ValueScan(String value) {
    this.value = value;
  }

  /** A scan of {@code value}; nothing is read or decoded yet. */
  public static ValueScan of(String value) {
    return new ValueScan(value);
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
