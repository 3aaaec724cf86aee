package io.bulwark.policy.auth;

import io.bulwark.bridge.RequestView;
import java.util.List;

/**
 * The bearer token of a request (RFC 6750 section 2.1: {@code Authorization: Bearer <token>}).
 * Tokens in query parameters or form bodies (sections 2.2 and 2.3) are not read: they end up in
 * logs and browser histories, and RFC 9700 advises against them.
 */
public final class BearerToken {

  /** The request's bearer credential: none, one token, or a malformed header. */
  static final class Read {
    final String token;
    final AuthFailure failure;

    private Read(String token, AuthFailure failure) {
      this.token = token;
      this.failure = failure;
    }
  }

  static final Read NONE = new Read(null, null);

  private BearerToken() {}

  static Read from(RequestView request) {
    List<String> values = request.headers("Authorization");
    String token = null;
    for (String value : values) {
      String trimmed = value.trim();
      if (trimmed.length() < 6 || !trimmed.regionMatches(true, 0, "Bearer", 0, 6)) {
        continue; // another scheme (Basic, ...) is not ours to judge
      }
      if (token != null) {
        return new Read(null, AuthFailure.invalidRequest("bearer.ambiguous",
            "More than one bearer token was sent."));
      }
      String rest = trimmed.substring(6);
      if (rest.isEmpty() || rest.charAt(0) != ' ') {
        return new Read(null, AuthFailure.invalidRequest("bearer.malformed",
            "The Authorization header is not 'Bearer <token>'."));
      }
      token = rest.trim();
      if (token.isEmpty() || !isToken68(token)) {
        return new Read(null, AuthFailure.invalidRequest("bearer.malformed",
            "The Authorization header is not 'Bearer <token>'."));
      }
    }
    return token == null ? NONE : new Read(token, null);
  }

  /** RFC 6750's b64token: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
  private static boolean isToken68(String token) {
    int i = 0;
    int n = token.length();
    for (; i < n; i++) {
      char c = token.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
      if (!ok) {
        break;
      }
    }
    if (i == 0) {
      return false;
    }
    for (; i < n; i++) {
      if (token.charAt(i) != '=') {
        return false;
      }
    }
    return true;
  }

  /** The challenge for bearer schemes; {@code error} and its description when a token failed. */
  public static String challenge(String realm, AuthFailure failure) {
    StringBuilder header = new StringBuilder("Bearer realm=\"").append(realm).append('"');
    if (failure != null && failure.bearerError().code() != null) {
      header.append(", error=\"").append(failure.bearerError().code()).append('"');
      header.append(", error_description=\"").append(failure.description().replace('"', '\'')).append('"');
    }
    return header.toString();
  }
}
