package io.bulwark.policy.detect.crlf;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Detector;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import io.bulwark.policy.detect.ValueScan;
import io.bulwark.policy.detect.text.CharClasses;
import io.bulwark.policy.detect.text.Ascii;
import io.bulwark.policy.detect.text.Evidence;
import io.bulwark.policy.detect.text.WordTable;

/**
 * CRLF (header) injection and response splitting: a line break (CR, LF, and the NEL, LINE
 * SEPARATOR and PARAGRAPH SEPARATOR some stacks also break on), however encoded, followed by
 * something a server would read as a header line ({@code Name: value}) or as the start of a body.
 *
 * <p>In values that are single-line by nature (path, cookie, header) any following {@code Name:}
 * counts; in query, form and JSON fields, which legitimately carry multi-line text ("Note: ..."),
 * only the names of real headers do ({@code Set-Cookie:}, {@code Location:}, {@code X-...:}).
 */
public final class CrlfInjectionDetector implements Detector {

  private static final WordTable HEADERS =
      new WordTable(
          "set-cookie", "location", "content-type", "content-length", "refresh", "cache-control",
          "content-disposition", "content-security-policy", "access-control-allow-origin",
          "access-control-allow-credentials", "host", "cookie", "authorization", "transfer-encoding",
          "connection", "x-forwarded-for", "x-forwarded-host", "x-xss-protection", "link",
          "strict-transport-security", "x-frame-options", "x-content-type-options", "server",
          "upgrade", "expect", "referer", "user-agent", "origin", "pragma", "expires", "etag",
          "last-modified", "vary", "www-authenticate", "proxy-authorization", "x-powered-by");

  @Override
  public Category category() {
    return Category.CRLF_INJECTION;
  }

  @Override
  public Finding inspect(Source source, String name, String value) {
    return inspect(source, name, value, ValueScan.of(value));
  }

  @Override
  public Finding inspect(Source source, String name, String value, ValueScan scan) {
    if (value == null || value.length() < 3 || source == Source.XML_DOCUMENT || source == Source.XML) {
      return null;
    }
    if (!hasBreakOrEscape(value)) {
      return null;
    }
    String text = scan.decoded();
    boolean multiLineField = source != Source.HEADER && source != Source.COOKIE && source != Source.PATH;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (!isBreak(c)) {
        continue;
      }
      int j = i;
      while (j < n && isBreak(text.charAt(j)) && j - i < 4) {
        j++;
      }
      boolean blankLine = j - i >= 2 && (text.startsWith("\r\n\r\n", i) || text.startsWith("\n\n", i));
      int nameStart = j;
      int k = j;
      while (k < n && isTokenChar(text.charAt(k)) && k - nameStart < 64) {
        k++;
      }
      if (k > nameStart && k < n && text.charAt(k) == ':') {
        boolean known =
            HEADERS.contains(text, nameStart, k) || Ascii.regionIs(text, nameStart, "x-") && k - nameStart > 2;
        if (known || !multiLineField && !blankLine) {
          return new Finding(Category.CRLF_INJECTION, "crlf.header",
              Evidence.of(value, text, Math.max(0, i - 8), Math.min(n, k + 40)));
        }
      }
      if (Ascii.regionIs(text, nameStart, "http/1.")) {
        return new Finding(Category.CRLF_INJECTION, "crlf.response-splitting",
            Evidence.of(value, text, Math.max(0, i - 8), Math.min(n, nameStart + 40)));
      }
      if (blankLine && !multiLineField && nameStart < n && text.charAt(nameStart) == '<') {
        return new Finding(Category.CRLF_INJECTION, "crlf.response-splitting",
            Evidence.of(value, text, Math.max(0, i - 8), Math.min(n, nameStart + 40)));
      }
      i = j - 1;
    }
    return null;
  }

  /** Exact: {@link #hasBreakOrEscape}'s characters, without which nothing is flagged. */
  @Override
  public long triggers() {
    return CharClasses.CR | CharClasses.LF | CharClasses.PERCENT | CharClasses.BACKSLASH | CharClasses.AMP
        | CharClasses.LINE_BREAK;
  }

  private static boolean hasBreakOrEscape(String value) {
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == '%' || c == '\\' || c == '&' || c == '\u0085' || c == '\u2028'
          || c == '\u2029') {
        return true;
      }
    }
    return false;
  }

  private static boolean isBreak(char c) {
    return c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  private static boolean isTokenChar(char c) {
    return Ascii.isWordChar(c) || c == '-';
  }
}
