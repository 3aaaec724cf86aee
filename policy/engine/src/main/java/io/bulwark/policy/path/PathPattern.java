package io.bulwark.policy.path;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule's path: literal segments, {@code *} (exactly one segment), {@code **} (any number of
 * segments, including none) and {@code {name}} (one segment, captured). Literals match
 * ASCII-case-insensitively, so {@code /API/Admin} cannot slip past a rule for {@code /api/admin};
 * no locale is involved (a Turkish dotless i stays a different letter).
 */
public final class PathPattern {

  private enum Kind { LITERAL, ONE, ANY, VARIABLE }

  private final String source;
  private final Kind[] kinds;
  private final String[] texts;
  private final List<String> variables;

  private PathPattern(String source, Kind[] kinds, String[] texts, List<String> variables) {
    this.source = source;
    this.kinds = kinds;
    this.texts = texts;
    this.variables = variables;
  }

  /**
   * Compiles a pattern.
   *
   * @throws IllegalArgumentException with a message saying what was expected
   */
  public static PathPattern compile(String pattern) {
    if (pattern == null || !pattern.startsWith("/")) {
      throw new IllegalArgumentException("expected a path starting with '/', e.g. /api/**");
    }
    // One trailing '/' is dropped ("/api/" is "/api"); "//" keeps its body "/" and is refused below.
    String body = pattern.length() > 2 && pattern.endsWith("/")
        ? pattern.substring(1, pattern.length() - 1) : pattern.substring(1);
    List<Kind> kinds = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    List<String> variables = new ArrayList<>();
    if (!body.isEmpty()) {
      for (String segment : body.split("/", -1)) {
        if (segment.isEmpty()) {
          throw new IllegalArgumentException("empty segment ('//') in path pattern '" + pattern + "'");
        }
        if ("**".equals(segment)) {
          kinds.add(Kind.ANY);
          texts.add(null);
        } else if ("*".equals(segment)) {
          kinds.add(Kind.ONE);
          texts.add(null);
        } else if (segment.startsWith("{") && segment.endsWith("}")) {
          String name = segment.substring(1, segment.length() - 1);
          if (!isIdentifier(name)) {
            throw new IllegalArgumentException("bad variable '" + segment + "' in path pattern '"
                + pattern + "'; expected {name} with letters, digits and '_'");
          }
          if (variables.contains(name)) {
            throw new IllegalArgumentException("variable {" + name + "} appears twice in '" + pattern + "'");
          }
          variables.add(name);
          kinds.add(Kind.VARIABLE);
          texts.add(name);
        } else {
          checkLiteral(pattern, segment);
          kinds.add(Kind.LITERAL);
          texts.add(AsciiCase.toLower(segment));
        }
      }
    }
    return new PathPattern(pattern, kinds.toArray(new Kind[0]), texts.toArray(new String[0]),
        Collections.unmodifiableList(variables));
  }

  private static void checkLiteral(String pattern, String segment) {
    if (".".equals(segment) || "..".equals(segment)) {
      throw new IllegalArgumentException("dot segment '" + segment + "' in path pattern '" + pattern
          + "'; write the path as the client's canonical path");
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '*' || c == '{' || c == '}' || c == '%' || c == ';' || c == '\\' || c == '?' || c == '#'
          || PathCanonicalizer.isControl(c) || c == ' ') {
        throw new IllegalArgumentException("unexpected '" + c + "' in segment '" + segment
            + "' of path pattern '" + pattern + "'; expected a literal segment, '*', '**' or '{name}'"
            + " (write literals decoded, without percent-encoding)");
      }
    }
  }

  private static boolean isIdentifier(String name) {
    if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** Whether the canonical path matches this pattern. */
  public boolean matches(CanonicalPath path) {
    return match(path, null, false);
  }

  /**
   * Whether the canonical path matches, where a literal compared with the path's last segment also
   * matches that segment with any {@code .extension} (for applications that route {@code
   * /admin.json} to {@code /admin}, as Spring MVC's suffix pattern matching did).
   */
  public boolean matches(CanonicalPath path, boolean suffixMatch) {
    return match(path, null, suffixMatch);
  }

  /**
   * Matches and returns the captured variables, or {@code null} when the path does not match.
   */
  public Map<String, String> capture(CanonicalPath path) {
    String[] captured = new String[kinds.length];
    if (!match(path, captured, false)) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i] == Kind.VARIABLE) {
        values.put(texts[i], captured[i]);
      }
    }
    return values;
  }

  /**
   * The first segment every matching path starts with (lower case), or {@code null} when the
   * pattern starts with a wildcard or is the root. Rules are indexed by it.
   */
  public String firstLiteral() {
    return kinds.length > 0 && kinds[0] == Kind.LITERAL ? texts[0] : null;
  }

  /**
   * Glob matching over segments with the usual single-backtrack algorithm for {@code **}: linear
   * in practice and O(segments x pattern) at worst, whatever the number of {@code **}.
   */
  private boolean match(CanonicalPath path, String[] captured, boolean suffixMatch) {
    int n = path.segmentCount();
    int m = kinds.length;
    int p = 0;
    int s = 0;
    int starP = -1;
    int starS = -1;
    while (s < n) {
      if (p < m && kinds[p] == Kind.ANY) {
        starP = p++;
        starS = s;
      } else if (p < m && segmentMatches(p, path.segment(s), suffixMatch && s == n - 1)) {
        if (captured != null && kinds[p] == Kind.VARIABLE) {
          captured[p] = path.segment(s);
        }
        p++;
        s++;
      } else if (starP >= 0) {
        p = starP + 1;
        s = ++starS;
      } else {
        return false;
      }
    }
    while (p < m && kinds[p] == Kind.ANY) {
      p++;
    }
    return p == m;
  }

  private boolean segmentMatches(int index, String segment, boolean allowSuffix) {
    if (kinds[index] != Kind.LITERAL) {
      return true;
    }
    String literal = texts[index];
    if (equalsIgnoreAsciiCase(literal, segment)) {
      return true;
    }
    return allowSuffix && segment.length() > literal.length() + 1 && segment.charAt(literal.length()) == '.'
        && equalsIgnoreAsciiCase(literal, segment.substring(0, literal.length()));
  }

  /**
   * Whether every path {@code other} matches is also matched by this pattern (so a rule with this
   * pattern, placed first, leaves nothing for a rule with {@code other}). Sound but not complete:
   * {@code true} is always right; a few exotic supersets (such as {@code /*}{@code /**} over
   * {@code /**}{@code /x}) are not recognised.
   */
  public boolean covers(PathPattern other) {
    Boolean[][] memo = new Boolean[kinds.length + 1][other.kinds.length + 1];
    return covers(other, 0, 0, memo);
  }

  private boolean covers(PathPattern b, int i, int j, Boolean[][] memo) {
    if (memo[i][j] != null) {
      return memo[i][j];
    }
    boolean result;
    if (i == kinds.length) {
      result = j == b.kinds.length; // nothing left here: b must have nothing left either
    } else if (j == b.kinds.length) {
      result = true;  // b is done: what is left here must accept no segments
      for (int k = i; k < kinds.length; k++) {
        result &= kinds[k] == Kind.ANY;
      }
    } else if (kinds[i] == Kind.ANY) {
      // ** here: it either matches nothing of what b has left, or swallows b's next element.
      result = covers(b, i + 1, j, memo) || covers(b, i, j + 1, memo);
    } else if (b.kinds[j] == Kind.ANY) {
      result = false; // b can put any number of segments here; one segment (or a literal) cannot
    } else if (kinds[i] == Kind.LITERAL) {
      result = b.kinds[j] == Kind.LITERAL && texts[i].equals(b.texts[j]) && covers(b, i + 1, j + 1, memo);
    } else {
      result = covers(b, i + 1, j + 1, memo); // * or {name}: any one segment of b
    }
    memo[i][j] = result;
    return result;
  }

  /** {@code lowerLiteral} is already lower case; only A-Z fold, so no locale or Unicode tricks apply. */
  static boolean equalsIgnoreAsciiCase(String lowerLiteral, String segment) {
    int length = lowerLiteral.length();
    if (segment.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char a = lowerLiteral.charAt(i);
      char b = segment.charAt(i);
      if (a != b && !(b >= 'A' && b <= 'Z' && b + ('a' - 'A') == a)) {
        return false;
      }
    }
    return true;
  }

  /** The variable names, in order. */
  public List<String> variables() {
    return variables;
  }

  @Override
  public String toString() {
    return source;
  }
}
