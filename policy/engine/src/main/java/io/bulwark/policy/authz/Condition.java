package io.bulwark.policy.authz;

import java.util.Set;

/**
 * A compiled {@code when:} expression, e.g. {@code principal.id == path.id || 'admin' in
 * principal.roles}. Evaluated with three-valued logic: a comparison involving a missing value (an
 * absent claim, a query parameter sent twice) is unknown, and only a condition that is certainly
 * true lets the request through. Immutable and thread-safe.
 */
public final class Condition {

  private final String source;
  private final ConditionNode root;
  private final Set<String> roots;

  Condition(String source, ConditionNode root, Set<String> roots) {
    this.source = source;
    this.root = root;
    this.roots = Set.copyOf(roots);
  }

  /** Compiles {@code source}; {@code pathVariables} are the names {@code path.*} may use. */
  public static Condition parse(String source, Set<String> pathVariables) throws ConditionException {
    return new ConditionParser(source, pathVariables).parse();
  }

  /** Whether the condition certainly holds for the request {@code facts} describe. */
  public boolean holds(ConditionFacts facts) {
    return root.truth(facts) == Truth.TRUE;
  }

  /** The reference roots used ({@code principal}, {@code path}, ...). */
  public boolean uses(String root) {
    return roots.contains(root);
  }

  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }

  /** Kleene's three truth values. */
  enum Truth {
    TRUE, FALSE, UNKNOWN;

    Truth not() {
      return this == TRUE ? FALSE : this == FALSE ? TRUE : UNKNOWN;
    }

    static Truth of(boolean value) {
      return value ? TRUE : FALSE;
    }
  }
}
