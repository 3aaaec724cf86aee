package io.bulwark.policy.auth;

import io.bulwark.bridge.RequestView;
import java.util.List;

/**
 * The bearer token of a request (RFC 6750 section 2.1: {@code Authorization: Bearer <token>}).
 * Tokens in query parameters or form bodies (sections 2.2 and 2.3) are not read: they end up in
 * logs and browser histories, and RFC 9700 advises against them.
 */
public final class BearerToken {

  /**
   * The request's bearer credential: none, one token, or a malformed header. The token's characters
   * are not checked yet: see {@link BearerToken#malformed}.
   */
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
      int start = skipSpace(value, 0);
      int end = value.length();
      while (end > start && isSpace(value.charAt(end - 1))) {
        end--;
      }
      if (end - start < 6 || !value.regionMatches(true, start, "Bearer", 0, 6)) {
        continue; // another scheme (Basic, ...) is not ours to judge
      }
      if (token != null) {
        return new Read(null, AuthFailure.invalidRequest("bearer.ambiguous",
            "More than one bearer token was sent."));
      }
      int tokenStart = skipSpace(value, start + 6);
      if (tokenStart == start + 6 || tokenStart >= end || value.charAt(start + 6) != ' ') {
        return new Read(null, MALFORMED);
      }
      token = value.substring(tokenStart, end); // the one copy of a token that may be kilobytes long
    }
    return token == null ? NONE : new Read(token, null);
  }

  /**
   * Why {@code token} (from {@link #from}) is not RFC 6750's b64token, or {@code null} if it is.
   * Separate from {@link #from} so that an authenticator can skip it for a token it knows: a token
   * it cached passed this check when first seen, and a JWT is kilobytes that the scan would read
   * again on every request (under load this loop also ran interpreted for minutes: the JIT
   * compiled it only for on-stack replacement).
   */
  static AuthFailure malformed(String token) {
    return isToken68(token, 0, token.length()) ? null : MALFORMED;
  }

  private static final AuthFailure MALFORMED = AuthFailure.invalidRequest("bearer.malformed",
      "The Authorization header is not 'Bearer <token>'.");

  /** What {@link String#trim} removes: every character up to and including the space. */
  private static boolean isSpace(char c) {
    return c <= ' ';
  }

  private static int skipSpace(String value, int from) {
    while (from < value.length() && isSpace(value.charAt(from))) {
      from++;
    }
    return from;
  }

  /** RFC 6750's b64token: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
  private static boolean isToken68(String value, int start, int end) {
    int i = start;
    while (i < end) {
      char c = value.charAt(i);
      if (c >= TOKEN68.length || !TOKEN68[c]) {
        break;
      }
      i++;
    }
    if (i == start) {
      return false;
    }
    for (; i < end; i++) {
      if (value.charAt(i) != '=') {
        return false;
      }
    }
    return true;
  }

  private static final boolean[] TOKEN68 = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      TOKEN68[c] = true;
      TOKEN68[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      TOKEN68[c] = true;
    }
    for (char c : "-._~+/".toCharArray()) {
      TOKEN68[c] = true;
    }
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
