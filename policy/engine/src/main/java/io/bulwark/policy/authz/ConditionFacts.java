package io.bulwark.policy.authz;

/**
 * What a {@code when:} condition may ask about one request. A value is a String, a Number, a
 * Boolean, a Collection of those, or {@code null} when missing or ambiguous (a parameter sent twice).
 */
public interface ConditionFacts {

  /** The value of {@code root.name} ({@code name} may be dotted for claims), or {@code null}. */
  Object value(String root, String name);
}
