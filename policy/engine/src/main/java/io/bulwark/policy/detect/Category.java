package io.bulwark.policy.detect;

import java.util.Locale;

/**
 * The kinds of injection Bulwark looks for. Each has the key that names it under {@code protect:}
 * in a policy and the short technique name audit events carry in {@code threat.technique}.
 */
public enum Category {
  SQL_INJECTION("sqlInjection", "sqli"),
  XSS("xss", "xss"),
  COMMAND_INJECTION("commandInjection", "cmdi"),
  PATH_TRAVERSAL("pathTraversal", "path-traversal"),
  SSRF("ssrf", "ssrf"),
  JNDI("jndi", "jndi"),
  LDAP_INJECTION("ldapInjection", "ldapi"),
  NOSQL_INJECTION("nosqlInjection", "nosqli"),
  CRLF_INJECTION("crlfInjection", "crlf"),
  XXE("xxe", "xxe");

  private final String policyKey;
  private final String technique;

  Category(String policyKey, String technique) {
    this.policyKey = policyKey;
    this.technique = technique;
  }

  /** The key under {@code protect:}, e.g. {@code sqlInjection}. */
  public String policyKey() {
    return policyKey;
  }

  /** The value of {@code threat.technique} in audit events, e.g. {@code sqli}. */
  public String technique() {
    return technique;
  }

  /** The category a {@code protect:} key names, or {@code null}. */
  public static Category forPolicyKey(String key) {
    for (Category category : values()) {
      if (category.policyKey.equals(key)) {
        return category;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
