package io.bulwark.policy.model;

import io.bulwark.policy.path.CanonicalPath;
import io.bulwark.policy.path.PathPattern;
import java.util.Set;

/** One entry of the policy's ordered rule list; the first rule that matches a request decides. */
public final class Rule {

  private final String name;
  private final PathPattern path;
  private final Set<String> methods;
  private final Action action;
  private final SourceLocation location;

  /**
   * @param methods upper-case method names; empty means any method
   */
  public Rule(String name, PathPattern path, Set<String> methods, Action action, SourceLocation location) {
    this.name = name;
    this.path = path;
    this.methods = Set.copyOf(methods);
    this.action = action;
    this.location = location;
  }

  public String name() {
    return name;
  }

  public PathPattern path() {
    return path;
  }

  public Set<String> methods() {
    return methods;
  }

  public Action action() {
    return action;
  }

  /** Where the rule is written in the policy file. */
  public SourceLocation location() {
    return location;
  }

  /** HEAD is matched as GET, as servers answer HEAD with the GET handler. */
  public boolean matches(String method, CanonicalPath path) {
    if (!methods.isEmpty() && !methods.contains(method)
        && !("HEAD".equals(method) && methods.contains("GET"))) {
      return false;
    }
    return this.path.matches(path);
  }

  @Override
  public String toString() {
    return "rule '" + name + "' " + (methods.isEmpty() ? "" : methods + " ") + path + " -> " + action;
  }
}
