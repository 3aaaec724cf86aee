package io.bulwark.policy.detect.xxe;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Detector;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import io.bulwark.policy.detect.ValueScan;
import io.bulwark.policy.detect.text.CharClasses;
import io.bulwark.policy.detect.text.Ascii;
import io.bulwark.policy.detect.text.Evidence;

/**
 * XML external entities: a document type declaration that pulls in something from outside the
 * document ({@code <!DOCTYPE x SYSTEM "http://...">}, {@code <!ENTITY e SYSTEM "file:///etc/passwd">},
 * {@code PUBLIC} identifiers), parameter entities ({@code <!ENTITY % p ...>}, {@code %p;}) and
 * XInclude. Inspected in whole XML bodies, and in a parameter value that is itself an XML
 * document. A DOCTYPE with only internal, general entities is left alone (billion-laughs is the
 * parser's limits' job).
 */
public final class XxeDetector implements Detector {

  @Override
  public Category category() {
    return Category.XXE;
  }

  @Override
  public Finding inspect(Source source, String name, String value) {
    if (value == null || value.length() < 10) {
      return null;
    }
    if (source != Source.XML_DOCUMENT && !(source == Source.QUERY || source == Source.FORM || source == Source.JSON) ) {
      return null;
    }
    int doctype = Ascii.indexOf(value, "<!doctype", 0);
    if (doctype < 0) {
      int xinclude = Ascii.indexOf(value, "xmlns:xi=", 0);
      if (xinclude >= 0 && Ascii.contains(value, "http://www.w3.org/2001/xinclude")
          && Ascii.contains(value, ":include")) {
        return new Finding(Category.XXE, "xxe.xinclude", Evidence.of(value, value, xinclude, value.length()));
      }
      return null;
    }
    if (source != Source.XML_DOCUMENT && !Ascii.contains(value, "<!entity") && !hasExternalId(value, doctype)) {
      return null;
    }
    // the DOCTYPE itself: <!DOCTYPE root SYSTEM "uri"> or PUBLIC "id" "uri"
    if (hasExternalId(value, doctype)) {
      return new Finding(Category.XXE, "xxe.external-dtd", Evidence.of(value, value, doctype, value.length()));
    }
    for (int e = Ascii.indexOf(value, "<!entity", doctype); e >= 0; e = Ascii.indexOf(value, "<!entity", e + 8)) {
      int close = value.indexOf('>', e);
      int end = close < 0 ? value.length() : close;
      int k = e + 8;
      while (k < end && value.charAt(k) <= ' ') {
        k++;
      }
      if (k < end && value.charAt(k) == '%') {
        return new Finding(Category.XXE, "xxe.parameter-entity", Evidence.of(value, value, e, end + 1));
      }
      if (hasWord(value, k, end, "system") || hasWord(value, k, end, "public")) {
        return new Finding(Category.XXE, "xxe.external-entity", Evidence.of(value, value, e, end + 1));
      }
      if (close < 0) {
        break;
      }
      e = Math.max(e, close - 8); // the next search starts after this declaration
    }
    return null;
  }

  /**
   * Exact: every finding needs {@code <!doctype} (a {@code <}) or {@code xmlns:xi=} (a {@code :}),
   * matched as written (only ASCII letters ignore case).
   */
  @Override
  public long triggers() {
    return CharClasses.LT | CharClasses.COLON;
  }

  /** Whether the DOCTYPE at {@code doctype} names an external subset before its {@code [} or {@code >}. */
  private static boolean hasExternalId(String value, int doctype) {
    int end = doctype + 9;
    while (end < value.length() && value.charAt(end) != '[' && value.charAt(end) != '>') {
      end++;
    }
    return hasWord(value, doctype + 9, end, "system") || hasWord(value, doctype + 9, end, "public");
  }

  private static boolean hasWord(String value, int from, int to, String lower) {
    for (int i = Math.max(0, from); i + lower.length() <= to; i++) {
      if (!Ascii.regionIs(value, i, lower)) {
        continue;
      }
      boolean startOk = i == 0 || value.charAt(i - 1) <= ' ';
      boolean endOk = i + lower.length() >= value.length() || value.charAt(i + lower.length()) <= ' '
          || value.charAt(i + lower.length()) == '"' || value.charAt(i + lower.length()) == '\'';
      if (startOk && endOk) {
        return true;
      }
    }
    return false;
  }
}
