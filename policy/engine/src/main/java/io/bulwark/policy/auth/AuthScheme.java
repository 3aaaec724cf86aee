package io.bulwark.policy.auth;

import java.util.Locale;

/** The ways a request can prove who sent it, as named in {@code require.auth}. */
public enum AuthScheme {
  API_KEY("apiKey", "api-key"),
  JWT("jwt", "jwt"),
  INTROSPECTION("introspection", "introspection"),
  MTLS("mtls", "mtls");

  private final String keyword;
  private final String auditName;

  AuthScheme(String keyword, String auditName) {
    this.keyword = keyword;
    this.auditName = auditName;
  }

  /** The name in the policy file ({@code require: { auth: [apiKey, jwt] }}). */
  public String keyword() {
    return keyword;
  }

  /** The name in audit events ({@code user.authentication.method}... see docs/audit.md). */
  public String auditName() {
    return auditName;
  }

  /** The scheme a policy keyword names (any case), or {@code null}. */
  public static AuthScheme forKeyword(String text) {
    for (AuthScheme scheme : values()) {
      if (scheme.keyword.toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) {
        return scheme;
      }
    }
    return null;
  }
}
