package io.bulwark.policy.request;

import io.bulwark.policy.detect.Source;

/** Receives the inputs a reader finds in one part of a request; returns false to stop the reading. */
@FunctionalInterface
public interface InputVisitor {

  /**
   * @param source where the value is
   * @param where its audit location, e.g. {@code json.$.user.email}, built only when asked for
   *     (a finding, an exclusion to test): valid during this call only
   * @param name the parameter, header, cookie or key name, or {@code null}
   * @param value the value (for a JSON key inspected as a name, the key itself)
   */
  boolean visit(Source source, Location where, String name, String value);

  /** An input's audit location, made on demand. */
  @FunctionalInterface
  interface Location {
    String location();

    /** A location that is already a string. */
    static Location of(String location) {
      return () -> location;
    }
  }
}
