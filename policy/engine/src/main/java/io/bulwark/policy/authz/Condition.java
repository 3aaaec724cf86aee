package io.bulwark.policy.authz;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;
import java.util.Set;

/**
 * A compiled {@code when:} condition: a CEL expression (Common Expression Language, as in Envoy RBAC
 * and Kubernetes admission policies), e.g. {@code principal.id == path.id || 'admin' in
 * principal.roles}. Parsed and type-checked when the policy is loaded; at run time it cannot loop,
 * call out or allocate without bound. Only a result that is exactly {@code true} lets a request
 * through: an evaluation error (an absent claim, a parameter sent twice) is a refusal, and CEL's
 * {@code ||} and {@code &&} absorb an error on one side when the other side decides. Immutable and
 * thread-safe.
 */
public final class Condition {

  private final String source;
  private final CelRuntime.Program program;
  private final ConditionVariables variables;

  private Condition(String source, CelRuntime.Program program, ConditionVariables variables) {
    this.source = source;
    this.program = program;
    this.variables = variables;
  }

  /** Compiles {@code source}; {@code pathVariables} are the names {@code path.*} may use. */
  public static Condition parse(String source, Set<String> pathVariables) throws ConditionException {
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
    try {
      return new Condition(source, ConditionEnvironment.program(ast), variables);
    } catch (CelEvaluationException e) {
      throw new ConditionException("cannot be evaluated: " + e.getMessage(), 1, 1);
    }
  }

  /** Whether the condition evaluates to {@code true} for the request {@code facts} describe. */
  public boolean holds(ConditionFacts facts) {
    Map<String, Object> activation = variables.activation(facts);
    try {
      return Boolean.TRUE.equals(program.eval(activation));
    } catch (CelEvaluationException | RuntimeException e) {
      return false; // no such key, no such claim, a type that does not fit: not true
    }
  }

  /** Whether the condition refers to the variable {@code name} ({@code principal}, {@code path}, ...). */
  public boolean uses(String name) {
    return variables.uses(name);
  }

  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }
}
