package io.bulwark.policy.detect.html;

import static io.bulwark.policy.detect.html.XssScript.isLetter;
import static io.bulwark.policy.detect.html.XssScript.lower;
import static io.bulwark.policy.detect.html.XssWords.GADGETS;
import static io.bulwark.policy.detect.html.XssWords.HANDLER_VALUES;
import static io.bulwark.policy.detect.html.XssWords.JS_SINKS;
import static io.bulwark.policy.detect.html.XssWords.VALUE_CALLS;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.text.Ascii;
import io.bulwark.policy.detect.text.Evidence;

/**
 * Values that run script without a tag, for {@link XssDetector}: pasted into an attribute, a
 * script or a style, they start a script URI, close the quote and add a handler or code, or are
 * script on their own (a DOM sink, a call, a property-access gadget).
 */
final class XssAttributeContext {

  private static final String[] NONE = {};

  private XssAttributeContext() {}

  /**
   * Without a tag: a value that starts as a script URI (it may land in an {@code href}), or that
   * closes a quoted attribute and adds a handler or script ({@code " onmouseover="alert(1)}).
   */
  static Finding inspect(String original, String text) {
    int n = text.length();
    int s = 0;
    while (s < n && (text.charAt(s) <= ' ' || text.charAt(s) == '"' || text.charAt(s) == '\'')) {
      s++;
    }
    int uri = XssScript.scriptUri(text, s, Math.min(n, s + 40));
    if (uri == s && uri >= 0 && (XssScript.hasCodeAfterScheme(text, uri) || XssScript.hasControlInScheme(text, uri))) {
      return new Finding(Category.XSS, "xss.script-uri", Evidence.of(original, text, uri, Math.min(n, uri + 80)));
    }
    for (int q = 0; q < n; q++) {
      char c = text.charAt(q);
      if (c != '"' && c != '\'' && c != '`') {
        continue;
      }
      int handler = XssScript.eventHandler(text, q + 1, Math.min(n, q + 64));
      if (handler >= 0 && handler <= q + 8) {
        return new Finding(Category.XSS, "xss.attribute-breakout",
            Evidence.of(original, text, q, Math.min(n, handler + 60)));
      }
      int k = q + 1;
      while (k < n && Ascii.isSpace(text.charAt(k))) {
        k++;
      }
      if (k < n && Ascii.regionIs(text, k, "formaction") && followedByEquals(text, k + 10)) {
        return new Finding(Category.XSS, "xss.attribute-breakout",
            Evidence.of(original, text, q, Math.min(n, k + 60))); // 'formaction=
      }
      if (k < n && (Ascii.regionIs(text, k, "style=") || Ascii.regionIs(text, k, "style ="))
          && XssScript.cssExpression(text, k, Math.min(n, k + 200)) >= 0) {
        return new Finding(Category.XSS, "xss.attribute-breakout", Evidence.of(original, text, q, n));
      }
      // "; alert(1); //   '-alert(1)-'   ");document.cookie
      if (jsBreakout(text, q + 1)) {
        return new Finding(Category.XSS, "xss.script-breakout", Evidence.of(original, text, q, Math.min(n, q + 80)));
      }
    }
    // an unquoted attribute context: "  onload=" at the start, "; onload=alert(1)" anywhere
    int lead = 0;
    while (lead < n && Ascii.isSpace(text.charAt(lead))) {
      lead++;
    }
    if (lead > 0 && XssScript.eventHandler(text, lead, Math.min(n, lead + 64)) == lead) {
      return new Finding(Category.XSS, "xss.attribute-breakout",
          Evidence.of(original, text, 0, Math.min(n, lead + 60)));
    }
    for (int k = text.indexOf('='); k > 0; k = text.indexOf('=', k + 1)) { // (no '=': no loop)
      int nameStart = k;
      while (nameStart > 0 && isLetter(text.charAt(nameStart - 1)) && k - nameStart < 40) {
        nameStart--;
      }
      while (nameStart < k - 4 && !(lower(text.charAt(nameStart)) == 'o' && lower(text.charAt(nameStart + 1)) == 'n')) {
        nameStart++;
      }
      if (k - nameStart >= 5 && lower(text.charAt(nameStart)) == 'o' && lower(text.charAt(nameStart + 1)) == 'n'
          && (nameStart == 0 || !Ascii.isWordChar(text.charAt(nameStart - 1))) && scriptFollows(text, k + 1)) {
        return new Finding(Category.XSS, "xss.event-handler",
            Evidence.of(original, text, nameStart, Math.min(n, k + 60)));
      }
    }
    // CSS that runs script: url(javascript:...), expression(...), -moz-binding
    // url ( javascript : ...) with the spaces CSS allows; "url(javascript" cut before its colon still names the scheme
    for (int paren = text.indexOf('('); paren >= 0; paren = text.indexOf('(', paren + 1)) {
      int u = paren;
      while (u > 0 && paren - u < 8 && Ascii.isSpace(text.charAt(u - 1))) {
        u--;
      }
      if (u < 3 || !Ascii.regionIs(text, u - 3, "url")) {
        continue;
      }
      int k = paren + 1;
      while (k < n && k - paren < 16
          && (Ascii.isSpace(text.charAt(k)) || text.charAt(k) == '"' || text.charAt(k) == '\'')) {
        k++;
      }
      if (XssScript.scriptUri(text, k, Math.min(n, k + 40)) == k || Ascii.regionIs(text, k, "javascript")
          || Ascii.regionIs(text, k, "vbscript")) {
        return new Finding(Category.XSS, "xss.css-expression", Evidence.of(original, text, u - 3, Math.min(n, u + 60)));
      }
    }
    if (text.indexOf('-') >= 0 && Ascii.contains(text, "-moz-binding")
        || text.indexOf(':') >= 0 && Ascii.contains(text, "behavior:url(")) {
      return new Finding(Category.XSS, "xss.css-expression", Evidence.of(original, text, 0, n));
    }
    int sink = XssScript.domSink(text);
    if (sink >= 0) {
      return new Finding(Category.XSS, "xss.dom-sink", Evidence.of(original, text, sink, Math.min(n, sink + 60)));
    }
    // a value that is a script call: alert(1), eval('...'), setInterval(code, 1)
    for (String call : text.indexOf('(') < 0 && text.indexOf('`') < 0 ? NONE : VALUE_CALLS) {
      if (Ascii.regionIs(text, s, call)) {
        return new Finding(Category.XSS, "xss.script-call", Evidence.of(original, text, s, Math.min(n, s + 60)));
      }
    }
    if (text.indexOf('[') >= 0 || text.indexOf('`') >= 0 || text.indexOf("/*") >= 0) {
      String compact = XssScript.compactScript(text);
      for (String gadget : GADGETS) {
        if (compact.contains(gadget)) {
          return new Finding(Category.XSS, "xss.script-gadget", Evidence.of(original, text, 0, n));
        }
      }
    }
    return null;
  }

  private static boolean followedByEquals(String text, int k) {
    while (k < text.length() && Ascii.isSpace(text.charAt(k))) {
      k++;
    }
    return k < text.length() && text.charAt(k) == '=';
  }

  /** Whether a handler's value at {@code k} is script: a call of a JS sink, a script URI, or code. */
  private static boolean scriptFollows(String text, int k) {
    int n = text.length();
    while (k < n
        && (Ascii.isSpace(text.charAt(k)) || text.charAt(k) == '"' || text.charAt(k) == '\''
            || text.charAt(k) == '`')) {
      k++;
    }
    for (String sink : JS_SINKS) {
      if (Ascii.regionIs(text, k, sink)) {
        return true;
      }
    }
    for (String name : HANDLER_VALUES) {
      if (Ascii.regionIs(text, k, name)
          && (k + name.length() >= n || !Ascii.isWordChar(text.charAt(k + name.length())))) {
        return true; // onerror=eval;throw'...'
      }
    }
    if (XssScript.scriptUri(text, k, Math.min(n, k + 40)) == k) {
      return true;
    }
    // name(...) or a.b(...) : a call
    int j = k;
    while (j < n && j - k < 40
        && (Ascii.isWordChar(text.charAt(j)) || text.charAt(j) == '.' || text.charAt(j) == '$')) {
      j++;
    }
    return j > k && j < n && text.charAt(j) == '(';
  }

  private static boolean jsBreakout(String text, int k) {
    int n = text.length();
    int ops = 0;
    while (k < n && ops < 4 && (Ascii.isSpace(text.charAt(k)) || ";+-)}|&,".indexOf(text.charAt(k)) >= 0)) {
      if (!Ascii.isSpace(text.charAt(k))) {
        ops++;
      }
      k++;
    }
    if (ops == 0) {
      return false;
    }
    for (String sink : JS_SINKS) {
      if (Ascii.regionIs(text, k, sink)) {
        return true;
      }
    }
    return false;
  }
}
