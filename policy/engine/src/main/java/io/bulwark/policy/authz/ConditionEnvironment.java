package io.bulwark.policy.authz;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * The CEL environment every condition is compiled in: the variables a condition may use, their
 * types, and the limits that keep an expression small and its evaluation bounded. Built on first
 * use, so a policy without conditions never loads CEL.
 */
final class ConditionEnvironment {

  static final int MAX_LENGTH = 2000;
  static final int MAX_DEPTH = 32;
  /** Macros such as {@code principal.roles.exists(r, r.startsWith('ops-'))} iterate at most this often. */
  static final int MAX_ITERATIONS = 1000;

  private static final CelOptions OPTIONS = CelOptions.current()
      .maxExpressionCodePointSize(MAX_LENGTH)
      .maxParseRecursionDepth(MAX_DEPTH)
      .comprehensionMaxIterations(MAX_ITERATIONS)
      .enableHeterogeneousNumericComparisons(true)
      .build();

  private ConditionEnvironment() {}

  /** Lazily built, once: the compiler's standard declarations are costly to set up. */
  private static final class Holder {
    static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
        .setOptions(OPTIONS)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addVar(ConditionVariables.PRINCIPAL, MapType.create(SimpleType.STRING, SimpleType.DYN))
        .addVar(ConditionVariables.PATH, MapType.create(SimpleType.STRING, SimpleType.STRING))
        .addVar(ConditionVariables.QUERY, MapType.create(SimpleType.STRING, SimpleType.STRING))
        .addVar(ConditionVariables.HEADER, MapType.create(SimpleType.STRING, SimpleType.STRING))
        .addVar(ConditionVariables.METHOD, SimpleType.STRING)
        .addVar(ConditionVariables.CLIENT, MapType.create(SimpleType.STRING, SimpleType.STRING))
        .addVar(ConditionVariables.NOW, SimpleType.TIMESTAMP)
        .build();
    static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
  }

  static CelAbstractSyntaxTree compile(String source) throws CelValidationException {
    return Holder.COMPILER.compile(source).getAst();
  }

  /** Whether an expression of this type can be a condition: bool, or dyn (a boolean claim). */
  static boolean isBoolean(CelAbstractSyntaxTree ast) {
    return ast.getResultType().equals(SimpleType.BOOL) || ast.getResultType().equals(SimpleType.DYN);
  }

  static CelRuntime.Program program(CelAbstractSyntaxTree ast) throws CelEvaluationException {
    return Holder.RUNTIME.createProgram(ast);
  }
}
