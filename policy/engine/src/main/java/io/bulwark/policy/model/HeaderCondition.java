package io.bulwark.policy.model;

import java.util.Locale;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A header a rule requires: sent once, with one of the listed values (compared exactly, after
 * trimming surrounding spaces). Header names are case-insensitive.
 */
public final class HeaderCondition {

  private final String name;
  private final String lowerCaseName;
  private final Set<String> values;

  public HeaderCondition(String name, Set<String> values) {
    this.name = name;
    this.lowerCaseName = name.toLowerCase(Locale.ROOT);
    this.values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
  }

  /** The header's name as written in the policy. */
  public String name() {
    return name;
  }

  public String lowerCaseName() {
    return lowerCaseName;
  }

  public Set<String> values() {
    return values;
  }

  boolean matches(RequestFacts request) {
    String value = request.header(lowerCaseName);
    return value != null && values.contains(value);
  }

  /** Whether every request meeting {@code other} meets this condition too. */
  boolean covers(HeaderCondition other) {
    return lowerCaseName.equals(other.lowerCaseName) && values.containsAll(other.values);
  }

  @Override
  public String toString() {
    return name + ": " + (values.size() == 1 ? values.iterator().next() : values.toString());
  }
}
