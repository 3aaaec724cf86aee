package io.bulwark.policy.authz;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.bulwark.bridge.AgentLog;
import java.util.Set;

/**
 * A compiled {@code when:} condition: a CEL expression (Common Expression Language, as in Envoy RBAC
 * and Kubernetes admission policies), e.g. {@code principal.id == path.id || 'admin' in
 * principal.roles}. At run time it cannot loop without bound, call out or change anything. Only a
 * result that is exactly {@code true} lets a request through: an evaluation error (an absent claim,
 * a parameter sent twice) is a refusal, and CEL's {@code ||} and {@code &&} absorb an error on one
 * side when the other side decides. Immutable and thread-safe.
 *
 * <p>Conditions are compiled (parsed and type-checked) when the policy is loaded, except in the
 * policy the agent starts with: CEL's first use starts java.util.logging (its protobuf runtime takes
 * a JUL logger), which must not happen in premain, before the application has set up its logging.
 * Those are compiled when the first request needs them; one that does not compile then never holds,
 * and says why once, with its place in the policy file. {@code policy validate} compiles them all.
 */
public final class Condition {

  private final String source;
  private final Set<String> pathVariables;
  private final boolean principalAvailable;
  private final String where;
  private volatile Compiled compiled;

  private Condition(String source, Set<String> pathVariables, boolean principalAvailable, String where,
      Compiled compiled) {
    this.source = source;
    this.pathVariables = Set.copyOf(pathVariables);
    this.principalAvailable = principalAvailable;
    this.where = where;
    this.compiled = compiled;
  }

  /**
   * Compiles {@code source} now.
   *
   * @param pathVariables the names {@code path.*} may use
   * @param principalAvailable whether the rule authenticates, so {@code principal} may be used
   */
  public static Condition parse(String source, Set<String> pathVariables, boolean principalAvailable)
      throws ConditionException {
    return new Condition(source, pathVariables, principalAvailable, null,
        compile(source, pathVariables, principalAvailable));
  }

  /** Compiles {@code source} when it is first evaluated; {@code where} names it in the error, if any. */
  public static Condition onFirstUse(String source, Set<String> pathVariables, boolean principalAvailable,
      String where) {
    return new Condition(source, pathVariables, principalAvailable, where, null);
  }

  private static Compiled compile(String source, Set<String> pathVariables, boolean principalAvailable)
      throws ConditionException {
    CelAbstractSyntaxTree ast;
    try {
      ast = ConditionEnvironment.compile(source);
    } catch (CelValidationException e) {
      throw ConditionException.of(e);
    }
    if (!ConditionEnvironment.isBoolean(ast)) {
      throw new ConditionException("expected a condition that is true or false, but it gives "
          + ast.getResultType().name(), 1, 1);
    }
    ConditionVariables variables = ConditionVariables.of(ast, pathVariables);
    if (variables.uses(ConditionVariables.PRINCIPAL) && !principalAvailable) {
      throw new ConditionException("the condition uses principal, so the rule needs 'require: { auth: [...] }'", 1, 1);
    }
    try {
      return new Compiled(ConditionEnvironment.program(ast), variables);
    } catch (CelEvaluationException e) {
      throw new ConditionException("cannot be evaluated: " + e.getMessage(), 1, 1);
    }
  }

  /** Whether the condition evaluates to {@code true} for the request {@code facts} describe. */
  public boolean holds(ConditionFacts facts) {
    Compiled program = compiled();
    if (program == Compiled.BROKEN) {
      return false;
    }
    try {
      return Boolean.TRUE.equals(program.program.eval(program.variables.resolver(facts)));
    } catch (CelEvaluationException | RuntimeException e) {
      return false; // no such key, no such claim, a type that does not fit: not true
    }
  }

  private Compiled compiled() {
    Compiled current = compiled;
    if (current == null) {
      synchronized (this) {
        current = compiled;
        if (current == null) {
          try {
            current = compile(source, pathVariables, principalAvailable);
          } catch (ConditionException e) {
            AgentLog.error(where + ": " + e.getMessage() + " (at " + e.line() + ":" + e.column()
                + " of the condition); the rule refuses every request until the policy is fixed", null);
            current = Compiled.BROKEN;
          }
          compiled = current;
        }
      }
    }
    return current;
  }

  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }

  /** A CEL program and the variables it reads. */
  private static final class Compiled {
    static final Compiled BROKEN = new Compiled(null, null);

    final CelRuntime.Program program;
    final ConditionVariables variables;

    Compiled(CelRuntime.Program program, ConditionVariables variables) {
      this.program = program;
      this.variables = variables;
    }
  }
}
