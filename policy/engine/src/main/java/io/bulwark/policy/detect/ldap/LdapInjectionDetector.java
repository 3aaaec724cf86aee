package io.bulwark.policy.detect.ldap;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Detector;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import io.bulwark.policy.detect.ValueScan;
import io.bulwark.policy.detect.text.CharClasses;
import io.bulwark.policy.detect.text.Evidence;

/**
 * LDAP filter injection: a value that closes the filter it is pasted into and opens another one
 * ({@code *)(uid=*}, {@code admin)(|(password=*)}, {@code *)(&}), or that carries a NUL to cut the
 * filter short next to filter syntax. A lone {@code *} or parentheses in prose ("(see above)") do
 * not count: the value has to go from {@code )} straight to a new {@code (} that starts a filter.
 */
public final class LdapInjectionDetector implements Detector {

  @Override
  public Category category() {
    return Category.LDAP_INJECTION;
  }

  @Override
  public Finding inspect(Source source, String name, String value) {
    return inspect(source, name, value, ValueScan.of(value));
  }

  @Override
  public Finding inspect(Source source, String name, String value, ValueScan scan) {
    if (value == null || value.length() < 3 || source == Source.XML_DOCUMENT || source == Source.HEADER) {
      return null;
    }
    if (value.indexOf('(') < 0 && value.indexOf('%') < 0 && value.indexOf('&') < 0 && value.indexOf('\\') < 0
        && value.indexOf('\0') < 0) {
      return null;
    }
    String text = scan.decoded();
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == ')') {
        int j = skipSpace(text, i + 1);
        if (j < n && text.charAt(j) == '(') {
          int k = skipSpace(text, j + 1);
          if (k < n && (text.charAt(k) == '|' || text.charAt(k) == '&' || text.charAt(k) == '!')) {
            return finding("ldapi.filter-operator", value, text, i);
          }
          if (isAttributeAssertion(text, k)) {
            return finding("ldapi.filter-breakout", value, text, i);
          }
        }
      } else if (c == '(' && i + 1 < n && (text.charAt(i + 1) == '|' || text.charAt(i + 1) == '&') && i + 2 < n
          && text.charAt(i + 2) == '(' && isAttributeAssertion(text, i + 3)) {
        return finding("ldapi.filter-operator", value, text, i);
      } else if (c == '\0' && (text.indexOf(')') >= 0 || text.indexOf('*') >= 0)) {
        return finding("ldapi.null-byte", value, text, i);
      }
    }
    return null;
  }

  /** Exact: the screen above ({@code ( % & \\} or NUL), without which nothing is flagged. */
  @Override
  public long triggers() {
    return CharClasses.LPAREN | CharClasses.PERCENT | CharClasses.AMP | CharClasses.BACKSLASH | CharClasses.NUL;
  }

  /** {@code attr=}, {@code attr~=}, {@code attr>=}, {@code attr<=}, {@code attr:dn:=} at {@code k}. */
  private static boolean isAttributeAssertion(String text, int k) {
    int n = text.length();
    int start = k;
    while (k < n
        && (Character.isLetterOrDigit(text.charAt(k)) || text.charAt(k) == '-' || text.charAt(k) == '.'
            || text.charAt(k) == ';' || text.charAt(k) == ':')) {
      k++;
    }
    if (k == start || k >= n) {
      return false;
    }
    char c = text.charAt(k);
    return c == '=' || (c == '~' || c == '>' || c == '<') && k + 1 < n && text.charAt(k + 1) == '=';
  }

  private static int skipSpace(String text, int i) {
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static Finding finding(String reason, String original, String text, int at) {
    return new Finding(Category.LDAP_INJECTION, reason,
        Evidence.of(original, text, Math.max(0, at - 8), text.length()));
  }
}
