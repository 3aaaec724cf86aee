package io.bulwark.policy.model;

import io.bulwark.policy.path.AsciiCase;
import java.util.Set;

/** How request methods are compared: upper-cased (ASCII only), and HEAD is answered as GET. */
public final class Methods {

  private Methods() {}

  /**
   * The method in upper case. HTTP methods are case-sensitive, but some frameworks fold them, so a
   * rule for GET also matches {@code get}: a spelling must never slip past a rule.
   */
  public static String normalize(String method) {
    return method == null ? "" : AsciiCase.toUpper(method);
  }

  /** Whether a rule listing {@code listed} (empty: any method) matches {@code method}. */
  static boolean listed(Set<String> listed, String method) {
    return listed.isEmpty() || listed.contains(method) || "HEAD".equals(method) && listed.contains("GET");
  }

  /** Whether every method {@code narrower} matches is matched by {@code wider}. */
  static boolean covers(Set<String> wider, Set<String> narrower) {
    if (wider.isEmpty()) {
      return true;
    }
    if (narrower.isEmpty()) {
      return false;
    }
    for (String method : narrower) {
      if (!listed(wider, method) || "GET".equals(method) && !listed(wider, "HEAD")) {
        return false;
      }
    }
    return true;
  }

  /** An RFC 9110 token of at most 32 characters: what a method can be. */
  public static boolean isToken(String method) {
    if (method == null || method.isEmpty() || method.length() > 32) {
      return false;
    }
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }
}
