package io.bulwark.policy.audit;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Masks secrets in audit event text before it is written anywhere (file or SLF4J).
 *
 * <p>A name is sensitive when it is configured ({@code audit.redact}) or looks like a credential
 * (authorization, cookie, session, token, secret, password, api key...). Its value is replaced by
 * {@value #MASK} in headers, in {@code name=value} pairs (query strings, form bodies, cookies, path
 * parameters) and in JSON members ({@code "name": value}); {@code Bearer}/{@code Basic} credentials
 * and JWTs are masked wherever they appear. One linear pass per string, no regular expressions, so
 * hostile input cannot make it slow. Immutable and thread-safe.
 */
public final class Redactor {

  public static final String MASK = "[redacted]";

  /** Credential-like parts of names, matched after lower-casing and dropping '-', '_' and '.'. */
  private static final List<String> CREDENTIAL_PARTS = List.of("authorization", "cookie", "session",
      "token", "secret", "password", "passwd", "apikey", "credential", "privatekey", "signature");
  private static final Set<String> CREDENTIAL_NAMES = Set.of("auth", "key", "pass", "pwd", "sig", "jwt");
  private static final int MAX_KEY = 128;

  /** Masks only the built-in credential names. */
  public static final Redactor CREDENTIALS = new Redactor(List.of());

  private final Set<String> configured = new HashSet<>();

  private Redactor(Collection<String> names) {
    for (String name : names) {
      configured.add(normalize(name));
    }
  }

  /** Masks the built-in credential names and {@code names}. */
  public static Redactor of(Collection<String> names) {
    return names.isEmpty() ? CREDENTIALS : new Redactor(names);
  }

  public boolean isSensitive(String name) {
    String normal = normalize(name);
    if (normal.isEmpty()) {
      return false;
    }
    if (configured.contains(normal) || CREDENTIAL_NAMES.contains(normal)) {
      return true;
    }
    for (String part : CREDENTIAL_PARTS) {
      if (normal.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** A header's value as it may be written: masked whole when the header is sensitive. */
  public String header(String name, String value) {
    return value == null ? null : isSensitive(name) ? MASK : text(value);
  }

  /** Free text (a query string, a path, evidence, a message) with every secret in it masked. */
  public String text(String s) {
    int n = s.length();
    StringBuilder out = null;
    int copied = 0; // s[copied, i) is still to be copied to out
    int tokenStart = -1;
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (isNameChar(c)) {
        if (tokenStart < 0) {
          tokenStart = i;
          int end = credentialEnd(s, i);
          if (end > i) {
            int keep = keepBeforeMask(s, i);
            out = append(out, s, copied, keep).append(MASK);
            copied = i = end;
            tokenStart = -1;
            continue;
          }
        }
        i++;
        continue;
      }
      if (c == '=' && tokenStart >= 0 && isSensitive(s.substring(tokenStart, i))) {
        int end = pairValueEnd(s, i + 1);
        out = append(out, s, copied, i + 1).append(MASK);
        copied = i = end;
        tokenStart = -1;
        continue;
      }
      tokenStart = -1;
      if (c == '"') {
        int close = keyClose(s, i + 1);
        if (close > 0) {
          int colon = skipSpace(s, close + 1);
          if (colon < n && s.charAt(colon) == ':' && isSensitive(s.substring(i + 1, close))) {
            int value = skipSpace(s, colon + 1);
            int end = jsonValueEnd(s, value);
            boolean quoted = value < n && s.charAt(value) == '"';
            out = append(out, s, copied, value).append(quoted ? "\"" + MASK + "\"" : MASK);
            copied = i = end;
            continue;
          }
        }
      }
      i++;
    }
    return out == null ? s : append(out, s, copied, n).toString();
  }

  private static StringBuilder append(StringBuilder out, String s, int from, int to) {
    if (out == null) {
      out = new StringBuilder(s.length() + 16);
    }
    return out.append(s, from, to);
  }

  /** For "Bearer xyz"/"Basic xyz" the scheme stays readable; a bare JWT is masked whole. */
  private static int keepBeforeMask(String s, int start) {
    int space = s.indexOf(' ', start);
    return startsWithScheme(s, start) ? space + 1 : start;
  }

  /** The end of a credential starting at {@code start} (Bearer/Basic value or a JWT), else start. */
  private static int credentialEnd(String s, int start) {
    if (startsWithScheme(s, start)) {
      int value = s.indexOf(' ', start) + 1;
      int end = value;
      while (end < s.length() && isCredentialChar(s.charAt(end))) {
        end++;
      }
      // "basic authentication" is prose, "Basic dXNlcjpwYXNz" a credential: base64 comes in fours.
      boolean basic = s.regionMatches(true, start, "basic ", 0, 6);
      int length = end - value;
      return length >= 8 && (!basic || length % 4 == 0) ? end : start;
    }
    if (s.startsWith("eyJ", start)) {
      int end = start;
      int dots = 0;
      while (end < s.length() && (isBase64Url(s.charAt(end)) || s.charAt(end) == '.' && dots < 2)) {
        if (s.charAt(end) == '.') {
          dots++;
        }
        end++;
      }
      return dots == 2 ? end : start;
    }
    return start;
  }

  private static boolean startsWithScheme(String s, int start) {
    return s.regionMatches(true, start, "bearer ", 0, 7) || s.regionMatches(true, start, "basic ", 0, 6);
  }

  /** A JSON key: a closing quote within MAX_KEY name characters, else -1. */
  private static int keyClose(String s, int from) {
    int limit = Math.min(s.length(), from + MAX_KEY + 1);
    for (int j = from; j < limit; j++) {
      char c = s.charAt(j);
      if (c == '"') {
        return j > from ? j : -1;
      }
      if (!isNameChar(c)) {
        return -1;
      }
    }
    return -1;
  }

  private static int jsonValueEnd(String s, int at) {
    int n = s.length();
    if (at < n && s.charAt(at) == '"') {
      for (int j = at + 1; j < n; j++) {
        char c = s.charAt(j);
        if (c == '\\') {
          j++;
        } else if (c == '"') {
          return j + 1;
        }
      }
      return n;
    }
    int j = at;
    while (j < n && ",}] \t\r\n".indexOf(s.charAt(j)) < 0) {
      j++;
    }
    return j;
  }

  private static int pairValueEnd(String s, int at) {
    int j = at;
    while (j < s.length() && "&; \t\r\n\"',}".indexOf(s.charAt(j)) < 0) {
      j++;
    }
    return j;
  }

  private static int skipSpace(String s, int at) {
    while (at < s.length() && (s.charAt(at) == ' ' || s.charAt(at) == '\t')) {
      at++;
    }
    return at;
  }

  private static boolean isNameChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.';
  }

  private static boolean isBase64Url(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
  }

  private static boolean isCredentialChar(char c) {
    return isBase64Url(c) || c == '.' || c == '~' || c == '+' || c == '/' || c == '=';
  }

  private static String normalize(String name) {
    StringBuilder normal = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '-' && c != '_' && c != '.') {
        normal.append(Character.toLowerCase(c));
      }
    }
    return normal.toString().toLowerCase(Locale.ROOT);
  }
}
