package io.bulwark.policy.request;

import io.bulwark.policy.detect.Source;

/** Receives the inputs a reader finds in one part of a request; returns false to stop the reading. */
@FunctionalInterface
public interface InputVisitor {

  /**
   * @param source where the value is
   * @param location its audit location, e.g. {@code json.$.user.email}
   * @param name the parameter, header, cookie or key name, or {@code null}
   * @param value the value (for a JSON key inspected as a name, the key itself)
   */
  boolean visit(Source source, String location, String name, String value);
}
