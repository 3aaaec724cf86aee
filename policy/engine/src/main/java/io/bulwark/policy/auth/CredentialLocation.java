package io.bulwark.policy.auth;

import io.bulwark.bridge.RequestView;
import io.bulwark.policy.request.QueryString;
import java.util.List;

/** Where a request carries an API key: a header ({@code header:X-API-Key}) or a query parameter. */
public final class CredentialLocation {

  public enum Kind { HEADER, QUERY }

  private final Kind kind;
  private final String name;

  private CredentialLocation(Kind kind, String name) {
    this.kind = kind;
    this.name = name;
  }

  public static CredentialLocation header(String name) {
    return new CredentialLocation(Kind.HEADER, name);
  }

  public static CredentialLocation query(String name) {
    return new CredentialLocation(Kind.QUERY, name);
  }

  /**
   * Parses {@code header:NAME} or {@code query:NAME}; {@code null} when {@code text} is neither.
   */
  public static CredentialLocation parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      return null;
    }
    String where = text.substring(0, colon).trim();
    String name = text.substring(colon + 1).trim();
    if (name.isEmpty() || !isToken(name)) {
      return null;
    }
    if (where.equalsIgnoreCase("header")) {
      return header(name);
    }
    return where.equalsIgnoreCase("query") ? query(name) : null;
  }

  private static boolean isToken(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}&".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  public Kind kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  /** Every value the request carries at this location (empty when none). */
  List<String> values(RequestView request) {
    return kind == Kind.HEADER ? request.headers(name) : QueryString.values(request.rawQuery(), name);
  }

  @Override
  public String toString() {
    return (kind == Kind.HEADER ? "header:" : "query:") + name;
  }
}
