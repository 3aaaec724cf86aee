package io.bulwark.policy.authz;

import com.google.protobuf.Timestamp;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.BaseNavigableExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.runtime.CelVariableResolver;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The variables a condition uses, learned from its syntax tree, and their values for one request.
 * Only what the condition refers to is read from the request. Query parameters and headers are read
 * by the names the condition spells out ({@code query.page}, {@code header['x-tenant']}); one sent
 * more than once has no value, since the application might read the other copy.
 */
final class ConditionVariables {

  static final String PRINCIPAL = "principal";
  static final String PATH = "path";
  static final String QUERY = "query";
  static final String HEADER = "header";
  static final String METHOD = "method";
  static final String CLIENT = "client";
  static final String NOW = "now";

  private final Set<String> used;
  private final Set<String> queryNames;
  private final Set<String> headerNames;

  private ConditionVariables(Set<String> used, Set<String> queryNames, Set<String> headerNames) {
    this.used = used;
    this.queryNames = queryNames;
    this.headerNames = headerNames;
  }

  static ConditionVariables of(CelAbstractSyntaxTree ast, Set<String> pathVariables) throws ConditionException {
    Set<String> used = new LinkedHashSet<>();
    Set<String> query = new LinkedHashSet<>();
    Set<String> header = new LinkedHashSet<>();
    List<CelExpr> nodes = CelNavigableAst.fromAst(ast).getRoot().allNodes()
        .map(BaseNavigableExpr::expr).collect(Collectors.toList());
    for (CelExpr node : nodes) {
      if (node.getKind() == CelExpr.ExprKind.Kind.IDENT) {
        used.add(node.ident().name());
      }
      String root = null;
      String key = null;
      boolean literal = true;
      if (node.getKind() == CelExpr.ExprKind.Kind.SELECT && isIdent(node.select().operand())) {
        root = node.select().operand().ident().name();
        key = node.select().field();
      } else if (node.getKind() == CelExpr.ExprKind.Kind.CALL && node.call().function().equals("_[_]")
          && node.call().args().size() == 2 && isIdent(node.call().args().get(0))) {
        root = node.call().args().get(0).ident().name();
        CelExpr index = node.call().args().get(1);
        literal = index.getKind() == CelExpr.ExprKind.Kind.CONSTANT
            && index.constant().getKind() == CelConstant.Kind.STRING_VALUE;
        key = literal ? index.constant().stringValue() : null;
      }
      if (root == null) {
        continue;
      }
      if (!literal && (root.equals(QUERY) || root.equals(HEADER) || root.equals(PATH))) {
        throw at(ast, node, "expected " + root + " keys written out, e.g. " + root
            + "['name'], so the policy says what it reads");
      }
      if (root.equals(PATH) && !pathVariables.contains(key)) {
        throw at(ast, node, "expected one of the rule's path variables "
            + (pathVariables.isEmpty() ? "(its path has none)" : pathVariables) + " but found path." + key);
      }
      if (root.equals(QUERY)) {
        query.add(key);
      } else if (root.equals(HEADER)) {
        header.add(key);
      }
    }
    return new ConditionVariables(used, query, header);
  }

  /** A problem at {@code node}'s place in the expression. */
  private static ConditionException at(CelAbstractSyntaxTree ast, CelExpr node, String message) {
    Integer offset = ast.getSource().getPositionsMap().get(node.id());
    CelSourceLocation location = offset == null ? null : ast.getSource().getOffsetLocation(offset).orElse(null);
    return location == null ? new ConditionException(message, 1, 1)
        : new ConditionException(message, Math.max(1, location.getLine()), location.getColumn() + 1);
  }

  private static boolean isIdent(CelExpr expr) {
    return expr.getKind() == CelExpr.ExprKind.Kind.IDENT;
  }

  boolean uses(String name) {
    return used.contains(name);
  }

  /**
   * The variables' values for one request, read when CEL asks for them (a variable the condition
   * does not reach on this evaluation, past a decided {@code ||}, is never read).
   */
  CelVariableResolver resolver(ConditionFacts facts) {
    return name -> Optional.ofNullable(value(name, facts));
  }

  private Object value(String name, ConditionFacts facts) {
    switch (name) {
      case PRINCIPAL:
        return facts.principal() == null ? null : facts.principal().asMap();
      case PATH:
        return facts.pathVariables();
      case QUERY:
        return singles(queryNames, facts, true);
      case HEADER:
        return singles(headerNames, facts, false);
      case METHOD:
        return facts.method();
      case CLIENT:
        String ip = facts.clientIp();
        return ip == null ? Map.of() : Map.of("ip", ip);
      case NOW:
        Instant now = Instant.now();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
      default:
        return null;
    }
  }

  private static Map<String, String> singles(Set<String> names, ConditionFacts facts, boolean query) {
    Map<String, String> map = new HashMap<>(names.size() * 2);
    for (String name : names) {
      List<String> values = query ? facts.query(name) : facts.headers(name);
      if (values.size() == 1) {
        map.put(name, values.get(0));
      }
    }
    return map;
  }
}
