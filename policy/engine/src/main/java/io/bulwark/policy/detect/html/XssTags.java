package io.bulwark.policy.detect.html;

import static io.bulwark.policy.detect.html.XssScript.isLetter;
import static io.bulwark.policy.detect.html.XssScript.lower;
import static io.bulwark.policy.detect.html.XssWords.ACTIVE_ATTRIBUTES;
import static io.bulwark.policy.detect.html.XssWords.NAMESPACE_PREFIXES;
import static io.bulwark.policy.detect.html.XssWords.SCRIPT_TAGS;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.text.Ascii;
import io.bulwark.policy.detect.text.Evidence;

/**
 * The tags in a value, for {@link XssDetector}, read as a browser's tokenizer reads them: a tag
 * that runs script or loads active content, a handler, script URI, CSS expression or active
 * attribute among a tag's attributes, a script-capable namespace, a tag name spelled out with
 * spaces, and the markup of {@link XssMarkup}. A {@code <} that starts no tag is skipped.
 */
final class XssTags {

  private XssTags() {}

  /** The finding of the first tag in {@code text} that runs or loads script, or null. */
  static Finding inspect(String original, String text) {
    int n = text.length();
    for (int lt = text.indexOf('<'); lt >= 0; lt = text.indexOf('<', lt + 1)) {
      int i = lt + 1;
      if (i < n && text.charAt(i) == '!' && XssMarkup.serverSideInclude(text, lt)) {
        return new Finding(Category.XSS, "xss.ssi",
            Evidence.of(original, text, lt, Math.min(n, lt + 60))); // <!--#echo var=...
      }
      if (i < n && (text.charAt(i) == '/' || text.charAt(i) == '?')) {
        i++; // an end tag, or a processing instruction such as <?xml-stylesheet href=...?>
      }
      int nameStart = i;
      while (i < n && (Ascii.isWordChar(text.charAt(i)) || text.charAt(i) == ':' || text.charAt(i) == '-')) {
        i++;
      }
      if (i == nameStart || !isLetter(text.charAt(nameStart))) {
        if (spacedTagName(text, lt + 1)) {
          return new Finding(Category.XSS, "xss.tag",
              Evidence.of(original, text, lt, Math.min(n, lt + 40))); // <f o r m, < x: script
        }
        continue; // "a < b", "<3", "<=": no tag
      }
      if (i < n && text.charAt(i) == ' ' && i - nameStart == 1 && spacedTagName(text, lt + 1)) {
        return new Finding(Category.XSS, "xss.tag", Evidence.of(original, text, lt, Math.min(n, lt + 40)));
      }
      // <x:script> is a script element in an XHTML namespace
      int localStart = nameStart;
      for (int k = nameStart; k < i; k++) {
        if (text.charAt(k) == ':') {
          localStart = k + 1;
        }
      }
      boolean nameEnds = i >= n || Ascii.isSpace(text.charAt(i)) || text.charAt(i) == '/' || text.charAt(i) == '>'
          || text.charAt(i) == '\0';
      if (XssMarkup.importImplementation(text, localStart, n)) {
        return new Finding(Category.XSS, "xss.active-attribute",
            Evidence.of(original, text, lt, Math.min(n, lt + 60))); // <?import implementation=
      }
      if (!nameEnds) {
        continue;
      }
      if (SCRIPT_TAGS.contains(text, localStart, i) && (text.charAt(lt + 1) != '/' || i < n && text.charAt(i) == '>')) {
        if (!isBenignWithoutAttributes(text, localStart, i)) {
          return new Finding(Category.XSS, "xss.tag", Evidence.of(original, text, lt, Math.min(n, i + 60)));
        }
      }
      // attributes up to '>' (or the end: a browser closes the tag there)
      int tagEnd = i;
      while (tagEnd < n && text.charAt(tagEnd) != '>' && text.charAt(tagEnd) != '<') {
        tagEnd++;
      }
      int handler = XssScript.eventHandler(text, i, tagEnd);
      if (handler >= 0) {
        return new Finding(Category.XSS, "xss.event-handler",
            Evidence.of(original, text, lt, Math.min(n, handler + 60)));
      }
      int uri = XssScript.scriptUri(text, i, tagEnd);
      if (uri >= 0) {
        return new Finding(Category.XSS, "xss.script-uri", Evidence.of(original, text, lt, Math.min(n, uri + 60)));
      }
      int css = XssScript.cssExpression(text, i, tagEnd);
      if (css < 0 && tagEnd - i < 4096 && hasCommentOpener(text, i, tagEnd)) {
        String compact = XssScript.compactScript(text.substring(i, tagEnd)); // expr/**/ession(
        css = XssScript.cssExpression(compact, 0, compact.length()) >= 0 ? i : -1;
      }
      if (css >= 0) {
        return new Finding(Category.XSS, "xss.css-expression", Evidence.of(original, text, lt, Math.min(n, css + 60)));
      }
      int active = activeAttribute(text, i, tagEnd);
      if (active >= 0) {
        return new Finding(Category.XSS, "xss.active-attribute",
            Evidence.of(original, text, lt, Math.min(n, active + 60)));
      }
      int external = XssMarkup.externalReference(text, i, tagEnd);
      if (external >= 0) {
        return new Finding(Category.XSS, "xss.xml-external",
            Evidence.of(original, text, lt, Math.min(n, external + 60))); // XInclude, a foreign schema
      }
      if (localStart > nameStart && NAMESPACE_PREFIXES.contains(text, nameStart, localStart - 1)
          && text.charAt(lt + 1) != '/') {
        return new Finding(Category.XSS, "xss.tag",
            Evidence.of(original, text, lt, Math.min(n, i + 60))); // <svg:x>, <xsl:stylesheet>
      }
      if (SCRIPT_TAGS.contains(text, localStart, i) && text.charAt(lt + 1) != '/' && tagEnd > i) {
        return new Finding(Category.XSS, "xss.tag", Evidence.of(original, text, lt, Math.min(n, tagEnd + 1)));
      }
    }
    return null;
  }

  /**
   * Whether {@code /*} starts within {@code text[from, to)}. Searched within the tag only: searching
   * the rest of the value from every tag made a value of many unclosed tags ({@code <a <a <a ...})
   * quadratic.
   */
  private static boolean hasCommentOpener(String text, int from, int to) {
    for (int k = from; k + 1 < to; k++) {
      if (text.charAt(k) == '/' && text.charAt(k + 1) == '*') {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the letters after {@code <}, with single spaces (and a namespace colon) between them, spell
   * an active tag.
   */
  private static boolean spacedTagName(String text, int from) {
    int n = text.length();
    StringBuilder name = new StringBuilder(12);
    int spaces = 0;
    int k = from;
    while (k < n && name.length() < 12) {
      char c = text.charAt(k);
      if (isLetter(c)) {
        int end = k;
        while (end < n && isLetter(text.charAt(end))) {
          end++;
        }
        if (end - k > 1 && name.length() > 0) {
          break; // a word after the spelled-out name: "<f o r m action=x>"
        }
        for (int m = k; m < end && name.length() < 12; m++) {
          name.append(lower(text.charAt(m)));
        }
        k = end;
        continue;
      }
      if (c == ' ' || c == ':') {
        if (c == ':') {
          name.setLength(0); // the local name after a namespace prefix
        }
        spaces++;
        k++;
        continue;
      }
      break;
    }
    if (name.length() < 3 || spaces == 0) {
      return false;
    }
    String spelled = name.toString();
    return SCRIPT_TAGS.find(spelled) != null || spelled.equals("form") || spelled.equals("dialog");
  }

  private static int activeAttribute(String text, int from, int to) {
    if (to - from < 3) {
      return -1;
    }
    for (String attribute : ACTIVE_ATTRIBUTES) {
      int at = Ascii.indexOf(text, attribute, from);
      if (at >= 0 && at + attribute.length() <= to) {
        return at;
      }
    }
    return -1;
  }

  /**
   * {@code <style>}, {@code <meta>}, {@code <link>}, {@code <template>} and {@code <noscript>} alone
   * are inert; with attributes or content they are not.
   */
  private static boolean isBenignWithoutAttributes(String text, int from, int to) {
    return Ascii.regionIs(text, from, "meta") && to - from == 4 || Ascii.regionIs(text, from, "link") && to - from == 4
        || Ascii.regionIs(text, from, "template") && to - from == 8
        || Ascii.regionIs(text, from, "noscript") && to - from == 8;
  }
}
