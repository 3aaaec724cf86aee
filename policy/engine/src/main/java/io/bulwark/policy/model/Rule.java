package io.bulwark.policy.model;

import io.bulwark.policy.authz.Condition;
import io.bulwark.policy.authz.Requirement;
import io.bulwark.policy.path.CanonicalPath;
import io.bulwark.policy.path.PathPattern;
import io.bulwark.policy.ratelimit.RateLimit;
import java.util.Set;

/** One entry of the policy's ordered rule list; the first rule that matches a request decides. */
public final class Rule {

  private final String name;
  private final RuleMatch match;
  private final Action action;
  private final SourceLocation location;
  private final Requirement requirement;
  private final Condition condition;
  private final RateLimit rateLimit;

  private Rule(Builder builder) {
    this.name = builder.name;
    this.match = builder.match;
    this.action = builder.action;
    this.location = builder.location;
    this.requirement = builder.requirement;
    this.condition = builder.condition;
    this.rateLimit = builder.rateLimit;
  }

  /**
   * A rule matching a path and methods.
   *
   * @param methods upper-case method names; empty means any method
   */
  public Rule(String name, PathPattern path, Set<String> methods, Action action, SourceLocation location) {
    this(builder(name).match(RuleMatch.builder(path).methods(methods).build()).action(action).location(location));
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  /** The rule's {@code match:} criteria. */
  public RuleMatch match() {
    return match;
  }

  public PathPattern path() {
    return match.path();
  }

  public Set<String> methods() {
    return match.methods();
  }

  public Action action() {
    return action;
  }

  /** What the request must prove ({@code require:}), or {@code null} when the rule authenticates nobody. */
  public Requirement requirement() {
    return requirement;
  }

  /** The rule's {@code when:} condition, or {@code null}. */
  public Condition condition() {
    return condition;
  }

  /** The rule's {@code rateLimit:}, or {@code null}. */
  public RateLimit rateLimit() {
    return rateLimit;
  }

  /** Where the rule is written in the policy file. */
  public SourceLocation location() {
    return location;
  }

  /** HEAD is matched as GET, as servers answer HEAD with the GET handler. */
  public boolean matches(String method, CanonicalPath path) {
    return match.matches(method, path);
  }

  @Override
  public String toString() {
    return "rule '" + name + "' " + match + " -> " + action;
  }

  /** Collects one rule's parts; a later policy key adds a field and a setter here. */
  public static final class Builder {
    private final String name;
    private RuleMatch match;
    private Action action;
    private SourceLocation location = SourceLocation.BUILT_IN;
    private Requirement requirement;
    private Condition condition;
    private RateLimit rateLimit;

    private Builder(String name) {
      this.name = name;
    }

    /** Authenticate (and authorize) instead of letting through: the action is then allow. */
    public Builder require(Requirement requirement) {
      this.requirement = requirement;
      return this;
    }

    public Builder when(Condition condition) {
      this.condition = condition;
      return this;
    }

    public Builder rateLimit(RateLimit rateLimit) {
      this.rateLimit = rateLimit;
      return this;
    }

    public Builder match(RuleMatch match) {
      this.match = match;
      return this;
    }

    public Builder action(Action action) {
      this.action = action;
      return this;
    }

    public Builder location(SourceLocation location) {
      this.location = location;
      return this;
    }

    public Rule build() {
      if (name == null || match == null || action == null) {
        throw new IllegalStateException("a rule needs a name, a match and an action");
      }
      return new Rule(this);
    }
  }
}
