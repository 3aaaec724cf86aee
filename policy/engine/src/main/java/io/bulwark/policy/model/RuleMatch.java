package io.bulwark.policy.model;

import io.bulwark.policy.path.CanonicalPath;
import io.bulwark.policy.path.PathPattern;
import java.util.Set;

/**
 * Which requests a rule applies to: every criterion written under the rule's {@code match:} must
 * hold. Immutable; built with {@link #builder}.
 */
public final class RuleMatch {

  private final PathPattern path;
  private final Set<String> methods;

  private RuleMatch(Builder builder) {
    this.path = builder.path;
    this.methods = Set.copyOf(builder.methods);
  }

  public static Builder builder(PathPattern path) {
    return new Builder(path);
  }

  public PathPattern path() {
    return path;
  }

  /** Upper-case method names; empty means any method. */
  public Set<String> methods() {
    return methods;
  }

  /** HEAD is matched as GET, as servers answer HEAD with the GET handler. */
  public boolean matches(String method, CanonicalPath canonicalPath) {
    if (!methods.isEmpty() && !methods.contains(method)
        && !("HEAD".equals(method) && methods.contains("GET"))) {
      return false;
    }
    return path.matches(canonicalPath);
  }

  @Override
  public String toString() {
    return (methods.isEmpty() ? "" : methods + " ") + path;
  }

  /** Collects the criteria of one {@code match:}. */
  public static final class Builder {
    private final PathPattern path;
    private Set<String> methods = Set.of();

    private Builder(PathPattern path) {
      this.path = path;
    }

    /** Upper-case method names; empty (the default) means any method. */
    public Builder methods(Set<String> methods) {
      this.methods = methods;
      return this;
    }

    public RuleMatch build() {
      return new RuleMatch(this);
    }
  }
}
