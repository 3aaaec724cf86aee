package io.bulwark.policy.authz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for {@code when:} expressions. Grammar (lowest precedence first):
 *
 * <pre>
 * or      = and { "||" and }
 * and     = unary { "&amp;&amp;" unary }
 * unary   = "!" unary | compare
 * compare = operand [ ("==" | "!=" | "in") operand ]
 * operand = "(" or ")" | string | number | true | false | list | reference
 * list    = "[" [ literal { "," literal } ] "]"
 * reference = principal.(id|roles|scopes|scheme) | principal.claims.NAME{.NAME}
 *           | path.VAR | query.NAME | header.NAME | method | client.ip
 * </pre>
 *
 * Expressions are short (at most {@value #MAX_LENGTH} characters) and nest at most {@value
 * #MAX_DEPTH} deep, so parsing a policy can never run away.
 */
final class ConditionParser {

  static final int MAX_LENGTH = 2000;
  static final int MAX_DEPTH = 32;
  private static final Set<String> PRINCIPAL_FIELDS = Set.of("id", "roles", "scopes", "scheme");

  private final String text;
  private final Set<String> pathVariables;
  private final Set<String> roots = new LinkedHashSet<>();
  private int pos;
  private int depth;

  ConditionParser(String text, Set<String> pathVariables) {
    this.text = text;
    this.pathVariables = pathVariables;
  }

  Condition parse() throws ConditionException {
    if (text.length() > MAX_LENGTH) {
      throw new ConditionException("expected at most " + MAX_LENGTH + " characters", 0);
    }
    skipSpace();
    if (pos == text.length()) {
      throw new ConditionException("expected an expression such as principal.id == path.id", 0);
    }
    ConditionNode root = or();
    skipSpace();
    if (pos < text.length()) {
      throw new ConditionException("expected an operator (==, !=, in, &&, ||) or the end, but found '"
          + text.charAt(pos) + "'", pos);
    }
    if (root instanceof ConditionNode.ListLiteral || root instanceof ConditionNode.Literal) {
      throw new ConditionException("expected a comparison such as principal.id == path.id, not a lone value", 0);
    }
    return new Condition(text, root, roots);
  }

  private ConditionNode or() throws ConditionException {
    ConditionNode left = and();
    while (accept("||")) {
      left = new ConditionNode.Or(booleanOperand(left), booleanOperand(and()));
    }
    return left;
  }

  private ConditionNode and() throws ConditionException {
    ConditionNode left = unary();
    while (accept("&&")) {
      left = new ConditionNode.And(booleanOperand(left), booleanOperand(unary()));
    }
    return left;
  }

  private ConditionNode unary() throws ConditionException {
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == '!' && !text.startsWith("!=", pos)) {
      pos++;
      enter();
      ConditionNode operand = booleanOperand(unary());
      depth--;
      return new ConditionNode.Not(operand);
    }
    return compare();
  }

  private ConditionNode compare() throws ConditionException {
    ConditionNode left = operand();
    ConditionNode.Compare.Op op = null;
    if (accept("==")) {
      op = ConditionNode.Compare.Op.EQ;
    } else if (accept("!=")) {
      op = ConditionNode.Compare.Op.NE;
    } else if (acceptWord("in")) {
      op = ConditionNode.Compare.Op.IN;
    }
    if (op == null) {
      return left;
    }
    int at = pos;
    ConditionNode right = operand();
    if (!isValue(left) || !isValue(right)) {
      throw new ConditionException("expected values on both sides of " + op.name().toLowerCase(), at);
    }
    return new ConditionNode.Compare(op, left, right);
  }

  private ConditionNode operand() throws ConditionException {
    skipSpace();
    if (pos >= text.length()) {
      throw new ConditionException("expected a value but the expression ended", pos);
    }
    char c = text.charAt(pos);
    if (c == '(') {
      pos++;
      enter();
      ConditionNode inner = or();
      depth--;
      if (!accept(")")) {
        throw new ConditionException("expected ')'", pos);
      }
      return inner;
    }
    if (c == '[') {
      return list();
    }
    Object literal = literal();
    if (literal != null) {
      return new ConditionNode.Literal(literal);
    }
    return reference();
  }

  private ConditionNode list() throws ConditionException {
    pos++; // [
    List<Object> values = new ArrayList<>();
    skipSpace();
    if (accept("]")) {
      return new ConditionNode.ListLiteral(values);
    }
    do {
      skipSpace();
      Object value = literal();
      if (value == null) {
        throw new ConditionException("expected a string or number in the list", pos);
      }
      values.add(value);
    } while (accept(","));
    if (!accept("]")) {
      throw new ConditionException("expected ',' or ']'", pos);
    }
    return new ConditionNode.ListLiteral(values);
  }

  /** A string, number or boolean at {@code pos}, or {@code null} (and {@code pos} unchanged). */
  private Object literal() throws ConditionException {
    char c = text.charAt(pos);
    if (c == '\'' || c == '"') {
      return string(c);
    }
    if (c >= '0' && c <= '9' || c == '-' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
      int start = pos++;
      while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      String number = text.substring(start, pos);
      try {
        return number.indexOf('.') >= 0 ? (Object) Double.valueOf(number) : (Object) Long.valueOf(number);
      } catch (NumberFormatException e) {
        throw new ConditionException("expected a number but found '" + number + "'", start);
      }
    }
    if (acceptWord("true")) {
      return Boolean.TRUE;
    }
    if (acceptWord("false")) {
      return Boolean.FALSE;
    }
    return null;
  }

  private String string(char quote) throws ConditionException {
    int start = pos++;
    StringBuilder value = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        return value.toString();
      }
      if (c == '\\' && pos < text.length()) {
        c = text.charAt(pos++);
      }
      value.append(c);
    }
    throw new ConditionException("expected the closing " + quote + " of the string", start);
  }

  private ConditionNode reference() throws ConditionException {
    int start = pos;
    while (pos < text.length() && isNameChar(text.charAt(pos))) {
      pos++;
    }
    String ref = text.substring(start, pos);
    if (ref.isEmpty()) {
      throw new ConditionException("expected a value (a 'string', a number, true, false, a [list] or a"
          + " reference such as principal.id) but found '" + text.charAt(start) + "'", start);
    }
    int dot = ref.indexOf('.');
    String root = dot < 0 ? ref : ref.substring(0, dot);
    String name = dot < 0 ? "" : ref.substring(dot + 1);
    if (ref.endsWith(".") || ref.contains("..")) {
      throw new ConditionException("expected a name after '.' in '" + ref + "'", start);
    }
    switch (root) {
      case "principal":
        if (!PRINCIPAL_FIELDS.contains(name) && !(name.startsWith("claims.") && name.length() > 7)) {
          throw new ConditionException("expected principal.id, principal.roles, principal.scopes,"
              + " principal.scheme or principal.claims.NAME but found '" + ref + "'", start);
        }
        break;
      case "path":
        if (!pathVariables.contains(name)) {
          throw new ConditionException("expected one of the rule's path variables "
              + (pathVariables.isEmpty() ? "(its path has none)" : pathVariables) + " but found '" + ref + "'", start);
        }
        break;
      case "query":
      case "header":
        if (name.isEmpty() || name.indexOf('.') >= 0 && root.equals("header")) {
          throw new ConditionException("expected " + root + ".NAME but found '" + ref + "'", start);
        }
        break;
      case "method":
        if (!name.isEmpty()) {
          throw new ConditionException("expected 'method' but found '" + ref + "'", start);
        }
        break;
      case "client":
        if (!name.equals("ip")) {
          throw new ConditionException("expected client.ip but found '" + ref + "'", start);
        }
        break;
      default:
        throw new ConditionException("expected a reference starting with principal., path., query.,"
            + " header., method or client.ip but found '" + ref + "'", start);
    }
    roots.add(root);
    return new ConditionNode.Reference(root, name);
  }

  private static boolean isNameChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.';
  }

  /** A boolean expression, or a reference standing for a boolean claim; literals and lists are not. */
  private ConditionNode booleanOperand(ConditionNode node) throws ConditionException {
    if (node instanceof ConditionNode.ListLiteral
        || node instanceof ConditionNode.Literal && !(((ConditionNode.Literal) node).value instanceof Boolean)) {
      throw new ConditionException("expected a comparison, not a lone value, next to &&, || or !", pos);
    }
    return node;
  }

  private static boolean isValue(ConditionNode node) {
    return node instanceof ConditionNode.Reference || node instanceof ConditionNode.Literal
        || node instanceof ConditionNode.ListLiteral;
  }

  private void enter() throws ConditionException {
    if (++depth > MAX_DEPTH) {
      throw new ConditionException("expected at most " + MAX_DEPTH + " levels of nesting", pos);
    }
  }

  private boolean accept(String symbol) {
    skipSpace();
    if (text.startsWith(symbol, pos)) {
      pos += symbol.length();
      return true;
    }
    return false;
  }

  private boolean acceptWord(String word) {
    skipSpace();
    int end = pos + word.length();
    if (text.startsWith(word, pos) && (end == text.length() || !isNameChar(text.charAt(end)))) {
      pos = end;
      return true;
    }
    return false;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }
}
