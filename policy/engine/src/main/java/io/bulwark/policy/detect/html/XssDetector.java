package io.bulwark.policy.detect.html;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Detector;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import io.bulwark.policy.detect.ValueScan;
import io.bulwark.policy.detect.decode.InputDecoding;
import io.bulwark.policy.detect.text.Ascii;
import io.bulwark.policy.detect.text.CharClasses;
import io.bulwark.policy.detect.text.Evidence;
import io.bulwark.policy.detect.text.WordTable;

/**
 * Cross-site scripting payloads, read the way a browser's tokenizer would read them after entity
 * and URL decoding: tags that run script or load active content ({@code script iframe svg object
 * embed ...}), event-handler attributes ({@code on*=}) on any tag, script URIs ({@code javascript:
 * vbscript: data:text/html}, with the tabs and newlines browsers ignore inside a scheme), CSS
 * expressions, and values that break out of an HTML attribute to add a handler.
 *
 * <p>A {@code <} that does not start a tag ({@code a < b}, {@code <3}, {@code x<y}) and tags that
 * cannot run anything ({@code <b>}, {@code <a href="https://...">}) pass.
 */
public final class XssDetector implements Detector {

  /** Tags whose mere presence is active content: no attribute needed. */
  private static final WordTable SCRIPT_TAGS =
      new WordTable(
          "script", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "base",
          "xml", "import", "isindex", "vmlframe", "portal", "meta", "handler", "bgsound", "layer",
          "ilayer", "xss", "style", "noscript", "plaintext", "xmp", "noembed", "template", "link");
  private static final String[] SCRIPT_SCHEMES = {"javascript:", "vbscript:", "livescript:", "mocha:", "data:text/html", "data:image/svg+xml", "data:application/x-", "data:text/xml", "data:,"};

  @Override
  public Category category() {
    return Category.XSS;
  }

  /** DOM sinks as a whole name ({@code document.cookie=x}): no API names a field like that. */
  private static final io.bulwark.policy.detect.text.WordTable DOM_SINK_NAMES =
      new io.bulwark.policy.detect.text.WordTable("document.cookie", "document.domain", "document.write", "document.writeln", "document.location", "window.location", "location.href", "document.url", "window.open", "document.body.innerhtml");

  @Override
  public Finding inspect(Source source, String name, String value) {
    return inspect(source, name, value, ValueScan.of(value));
  }

  /** The characters without which only a script URI or a DOM sink could be an attack. */
  private static final String MARKUP = "<=(%&\\+`[\uff1c";
  private static final long MARKUP_CLASSES = CharClasses.LT | CharClasses.EQUALS | CharClasses.LPAREN
      | CharClasses.PERCENT | CharClasses.AMP | CharClasses.BACKSLASH | CharClasses.PLUS | CharClasses.BACKTICK
      | CharClasses.LBRACKET | CharClasses.FF00_UP;

  /**
   * Every path of {@link #inspect} needs one of these in the value or the name: markup, a colon (a
   * script URI), a slash (a commented sink) or a dot (a DOM sink, in the value or a parameter's
   * name). Values of words, digits, {@code - _ ,} and spaces, most of any API's, skip the detector.
   */
  @Override
  public long triggers() {
    return MARKUP_CLASSES | CharClasses.COLON | CharClasses.SLASH | CharClasses.DOT;
  }

  @Override
  public Finding inspect(Source source, String name, String value, ValueScan scan) {
    if (name != null && (source == Source.QUERY || source == Source.FORM || source == Source.COOKIE) && name.length() >= 11 && name.indexOf('.') > 0 && DOM_SINK_NAMES.contains(name, 0, name.length())) {
      // a parameter or cookie named after a DOM sink: pages that copy names into script write into it
      // (not JSON keys: front-end telemetry may send {"location.href": ...})
      return new Finding(Category.XSS, "xss.dom-sink", Evidence.of(name, name, 0, name.length()));
    }
    if (value == null || value.length() < 3 || source == Source.XML_DOCUMENT) {
      return null;
    }
    if (!scan.holdsAny(MARKUP_CLASSES, MARKUP)) {
      int colon = scan.mayHold(CharClasses.COLON) ? value.indexOf(':') : -1;
      if (colon > 0) {
        // only a script URI can be made of words and a colon
        int s = 0;
        while (s < value.length() && (value.charAt(s) <= ' ' || value.charAt(s) == '"' || value.charAt(s) == '\'')) {
          s++;
        }
        if (scriptUri(value, s, Math.min(value.length(), s + 40)) == s && s < value.length() && (hasCodeAfterScheme(value, s) || hasControlInScheme(value, s))) {
          return new Finding(Category.XSS, "xss.script-uri", Evidence.of(value, value, s, value.length()));
        }
      }
      if (scan.mayHold(CharClasses.SLASH) && value.indexOf("/*") >= 0 && Ascii.contains(value, "cookie")) {
        String compact = compactScript(value); // document /*x*/ . cookie
        if (compact.contains("document.cookie")) {
          return new Finding(Category.XSS, "xss.dom-sink", Evidence.of(value, value, 0, value.length()));
        }
      }
      if (scan.mayHold(CharClasses.DOT) && value.indexOf('.') > 0) {
        int at = domSink(value);
        return at < 0 ? null : new Finding(Category.XSS, "xss.dom-sink", Evidence.of(value, value, at, value.length()));
      }
      return null;
    }
    String decoded = foldUtf7(InputDecoding.decode(value));
    String text = foldHalfWidth(decoded);
    Finding f = tags(value, text);
    if (f != null) {
      return f;
    }
    if (text != decoded) {
      int pair = XssMarkup.elementPair(decoded); // ¼test¾...¼/test¾: markup in the high-bit spelling
      if (pair >= 0) {
        return new Finding(Category.XSS, "xss.tag", Evidence.of(value, decoded, pair, Math.min(decoded.length(), pair + 60)));
      }
    }
    int entity = text.indexOf('!') >= 0 ? XssMarkup.externalEntity(text) : -1;
    if (entity >= 0) {
      return new Finding(Category.XSS, "xss.external-entity", Evidence.of(value, text, entity, Math.min(text.length(), entity + 60)));
    }
    return attributeContext(value, text);
  }

  /**
   * {@code ¼script¾}: bytes 0xBC/0xBE/0xA2 read by a server that drops the high bit (old Apache
   * with US-ASCII) are {@code < > "}. Only when both angle look-alikes occur. A UTF-8 lead byte
   * read as Latin-1 just before one ({@code Â¼}, {@code Ð¾} from {@code \xc2\xbc}, {@code \xd0\xbe})
   * is dropped: the same server reads it as a control character.
   */
  private static String foldHalfWidth(String text) {
    if (text.indexOf('\u00bc') < 0 || text.indexOf('\u00be') < 0) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= '\u00c2' && c <= '\u00df' && i + 1 < n && (text.charAt(i + 1) == '\u00bc' || text.charAt(i + 1) == '\u00be' || text.charAt(i + 1) == '\u00a2')) {
        continue;
      }
      b.append(c == '\u00bc' ? '<' : c == '\u00be' ? '>' : c == '\u00a2' ? '"' : c);
    }
    return b.toString();
  }

  /** {@code +ADw-} (UTF-7 for {@code <}) and its friends, as old IE read a page without a charset. */
  private static String foldUtf7(String text) {
    if (text.indexOf('+') < 0 || !(Ascii.contains(text, "+adw") || Ascii.contains(text, "+ad4") || Ascii.contains(text, "+aci"))) {
      return text;
    }
    return text.replace("+ADw-", "<").replace("+AD4-", ">").replace("+ACI-", "\"").replace("+adw-", "<").replace("+ad4-", ">").replace("+aci-", "\"");
  }

  private Finding tags(String original, String text) {
    int n = text.length();
    for (int lt = text.indexOf('<'); lt >= 0; lt = text.indexOf('<', lt + 1)) {
      int i = lt + 1;
      if (i < n && text.charAt(i) == '!' && XssMarkup.serverSideInclude(text, lt)) {
        return new Finding(Category.XSS, "xss.ssi", Evidence.of(original, text, lt, Math.min(n, lt + 60))); // <!--#echo var=...
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
          return new Finding(Category.XSS, "xss.tag", Evidence.of(original, text, lt, Math.min(n, lt + 40))); // <f o r m, < x: script
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
      boolean nameEnds = i >= n || Ascii.isSpace(text.charAt(i)) || text.charAt(i) == '/' || text.charAt(i) == '>' || text.charAt(i) == '\0';
      if (XssMarkup.importImplementation(text, localStart, n)) {
        return new Finding(Category.XSS, "xss.active-attribute", Evidence.of(original, text, lt, Math.min(n, lt + 60))); // <?import implementation=
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
      int handler = eventHandler(text, i, tagEnd);
      if (handler >= 0) {
        return new Finding(Category.XSS, "xss.event-handler", Evidence.of(original, text, lt, Math.min(n, handler + 60)));
      }
      int uri = scriptUri(text, i, tagEnd);
      if (uri >= 0) {
        return new Finding(Category.XSS, "xss.script-uri", Evidence.of(original, text, lt, Math.min(n, uri + 60)));
      }
      int css = cssExpression(text, i, tagEnd);
      if (css < 0 && tagEnd - i < 4096 && hasCommentOpener(text, i, tagEnd)) {
        String compact = compactScript(text.substring(i, tagEnd)); // expr/**/ession(
        css = cssExpression(compact, 0, compact.length()) >= 0 ? i : -1;
      }
      if (css >= 0) {
        return new Finding(Category.XSS, "xss.css-expression", Evidence.of(original, text, lt, Math.min(n, css + 60)));
      }
      int active = activeAttribute(text, i, tagEnd);
      if (active >= 0) {
        return new Finding(Category.XSS, "xss.active-attribute", Evidence.of(original, text, lt, Math.min(n, active + 60)));
      }
      int external = XssMarkup.externalReference(text, i, tagEnd);
      if (external >= 0) {
        return new Finding(Category.XSS, "xss.xml-external", Evidence.of(original, text, lt, Math.min(n, external + 60))); // XInclude, a foreign schema
      }
      if (localStart > nameStart && NAMESPACE_PREFIXES.contains(text, nameStart, localStart - 1) && text.charAt(lt + 1) != '/') {
        return new Finding(Category.XSS, "xss.tag", Evidence.of(original, text, lt, Math.min(n, i + 60))); // <svg:x>, <xsl:stylesheet>
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

  /** Whether the letters after {@code <}, with single spaces (and a namespace colon) between them, spell an active tag. */
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

  /** Namespace prefixes whose elements are script-capable: {@code <svg:mast>}, {@code <xsl:stylesheet>}. */
  private static final WordTable NAMESPACE_PREFIXES = new WordTable("svg", "xsl", "xhtml", "html", "math", "x");

  /** Attributes that run or bind script without an on* name, within {@code text[from, to)}. */
  private static final String[] ACTIVE_ATTRIBUTES = {"dataformatas", "datasrc", "formaction", "attributename=\"on", "attributename='on", "attributename=on", "text/javascript", "text/vbscript", "text/x-scriptlet", "&{"};

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

  /** {@code <style>}, {@code <meta>}, {@code <link>}, {@code <template>} and {@code <noscript>} alone are inert; with attributes or content they are not. */
  private static boolean isBenignWithoutAttributes(String text, int from, int to) {
    return Ascii.regionIs(text, from, "meta") && to - from == 4 || Ascii.regionIs(text, from, "link") && to - from == 4 || Ascii.regionIs(text, from, "template") && to - from == 8 || Ascii.regionIs(text, from, "noscript") && to - from == 8;
  }

  /** The index of an {@code on*=} attribute in {@code text[from, to)}, or -1. */
  static int eventHandler(String text, int from, int to) {
    for (int k = from; k + 2 < to; k++) {
      char prev = text.charAt(k - 1 < 0 ? 0 : k - 1);
      boolean boundary = Ascii.isSpace(prev) || prev == '/' || prev == '"' || prev == '\'' || prev == '`' || prev == ';' || prev == '\0' || k == from;
      if (!boundary || lower(text.charAt(k)) != 'o' || lower(text.charAt(k + 1)) != 'n') {
        continue;
      }
      int j = k + 2;
      int nameStart = j;
      while (j < to && (isLetter(text.charAt(j)) || text.charAt(j) == '-' || text.charAt(j) == '_')) {
        j++;
      }
      if (j - nameStart < 3) {
        continue;
      }
      while (j < to && (Ascii.isSpace(text.charAt(j)) || text.charAt(j) == '\0')) {
        j++;
      }
      if (j < to && text.charAt(j) == '=') {
        return k;
      }
    }
    return -1;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /** The index of a script URI in {@code text[from, to)}, ignoring the whitespace browsers strip inside a scheme; or -1. */
  static int scriptUri(String text, int from, int to) {
    for (int k = Math.max(0, from); k < to; k++) {
      char c = lower(text.charAt(k));
      if (c != 'j' && c != 'v' && c != 'l' && c != 'm' && c != 'd') {
        continue;
      }
      if (k > 0 && Ascii.isWordChar(text.charAt(k - 1))) {
        continue;
      }
      for (String scheme : SCRIPT_SCHEMES) {
        if (scheme.charAt(0) == c && matchesLoosely(text, k, to, scheme)) {
          return k;
        }
      }
    }
    return -1;
  }

  /** Whether {@code scheme} is at {@code k}, allowing tabs, newlines and other controls between its letters. */
  private static boolean matchesLoosely(String text, int k, int to, String scheme) {
    int m = 0;
    int j = k;
    while (j < to && m < scheme.length()) {
      char c = text.charAt(j);
      if ((c == '\t' || c == '\n' || c == '\r' || c == '\0') && m > 0) {
        j++;
        continue;
      }
      if (lower(c) != scheme.charAt(m)) {
        return false;
      }
      m++;
      j++;
    }
    return m == scheme.length();
  }

  private static int cssExpression(String text, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = lower(text.charAt(k));
      if (c == 'e' && Ascii.regionIs(text, k, "expression") && followedByParen(text, k + 10, to)) {
        return k;
      }
      if (c == '-' && Ascii.regionIs(text, k, "-moz-binding")) {
        return k;
      }
      if (c == 'b' && Ascii.regionIs(text, k, "behavior:")) {
        return k;
      }
      if (c == '@' && Ascii.regionIs(text, k, "@import")) {
        return k;
      }
    }
    return -1;
  }

  private static boolean followedByEquals(String text, int k) {
    while (k < text.length() && Ascii.isSpace(text.charAt(k))) {
      k++;
    }
    return k < text.length() && text.charAt(k) == '=';
  }

  private static boolean followedByParen(String text, int k, int to) {
    while (k < to && Ascii.isSpace(text.charAt(k))) {
      k++;
    }
    return k < to && text.charAt(k) == '(';
  }

  /**
   * Without a tag: a value that starts as a script URI (it may land in an {@code href}), or that
   * closes a quoted attribute and adds a handler or script ({@code " onmouseover="alert(1)}).
   */
  private Finding attributeContext(String original, String text) {
    int n = text.length();
    int s = 0;
    while (s < n && (text.charAt(s) <= ' ' || text.charAt(s) == '"' || text.charAt(s) == '\'')) {
      s++;
    }
    int uri = scriptUri(text, s, Math.min(n, s + 40));
    if (uri == s && uri >= 0 && (hasCodeAfterScheme(text, uri) || hasControlInScheme(text, uri))) {
      return new Finding(Category.XSS, "xss.script-uri", Evidence.of(original, text, uri, Math.min(n, uri + 80)));
    }
    for (int q = 0; q < n; q++) {
      char c = text.charAt(q);
      if (c != '"' && c != '\'' && c != '`') {
        continue;
      }
      int handler = eventHandler(text, q + 1, Math.min(n, q + 64));
      if (handler >= 0 && handler <= q + 8) {
        return new Finding(Category.XSS, "xss.attribute-breakout", Evidence.of(original, text, q, Math.min(n, handler + 60)));
      }
      int k = q + 1;
      while (k < n && Ascii.isSpace(text.charAt(k))) {
        k++;
      }
      if (k < n && Ascii.regionIs(text, k, "formaction") && followedByEquals(text, k + 10)) {
        return new Finding(Category.XSS, "xss.attribute-breakout", Evidence.of(original, text, q, Math.min(n, k + 60))); // 'formaction=
      }
      if (k < n && (Ascii.regionIs(text, k, "style=") || Ascii.regionIs(text, k, "style =")) && cssExpression(text, k, Math.min(n, k + 200)) >= 0) {
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
    if (lead > 0 && eventHandler(text, lead, Math.min(n, lead + 64)) == lead) {
      return new Finding(Category.XSS, "xss.attribute-breakout", Evidence.of(original, text, 0, Math.min(n, lead + 60)));
    }
    for (int k = text.indexOf('='); k > 0; k = text.indexOf('=', k + 1)) { // (no '=': no loop)
      int nameStart = k;
      while (nameStart > 0 && isLetter(text.charAt(nameStart - 1)) && k - nameStart < 40) {
        nameStart--;
      }
      while (nameStart < k - 4 && !(lower(text.charAt(nameStart)) == 'o' && lower(text.charAt(nameStart + 1)) == 'n')) {
        nameStart++;
      }
      if (k - nameStart >= 5 && lower(text.charAt(nameStart)) == 'o' && lower(text.charAt(nameStart + 1)) == 'n' && (nameStart == 0 || !Ascii.isWordChar(text.charAt(nameStart - 1))) && scriptFollows(text, k + 1)) {
        return new Finding(Category.XSS, "xss.event-handler", Evidence.of(original, text, nameStart, Math.min(n, k + 60)));
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
      while (k < n && k - paren < 16 && (Ascii.isSpace(text.charAt(k)) || text.charAt(k) == '"' || text.charAt(k) == '\'')) {
        k++;
      }
      if (scriptUri(text, k, Math.min(n, k + 40)) == k || Ascii.regionIs(text, k, "javascript") || Ascii.regionIs(text, k, "vbscript")) {
        return new Finding(Category.XSS, "xss.css-expression", Evidence.of(original, text, u - 3, Math.min(n, u + 60)));
      }
    }
    if (text.indexOf('-') >= 0 && Ascii.contains(text, "-moz-binding") || text.indexOf(':') >= 0 && Ascii.contains(text, "behavior:url(")) {
      return new Finding(Category.XSS, "xss.css-expression", Evidence.of(original, text, 0, n));
    }
    int sink = domSink(text);
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
      String compact = compactScript(text);
      for (String gadget : GADGETS) {
        if (compact.contains(gadget)) {
          return new Finding(Category.XSS, "xss.script-gadget", Evidence.of(original, text, 0, n));
        }
      }
    }
    return null;
  }

  private static final String[] NONE = {};
  private static final String[] VALUE_CALLS = {"alert(", "alert`", "prompt(", "confirm(", "eval(", "atob(", "btoa(", "settimeout(", "setinterval(", "new function(", "function(", "execscript("};

  /** Property-access spellings of script sinks, in {@link #compactScript} form. */
  private static final String[] GADGETS = {
    "document.cookie", "document[\"cookie\"]", "document['cookie']", "(document)[", "window[\"", "window['", "self[\"", "self['", "top[\"", "top['", "[\"alert\"]", "['alert']", ".call`", "${alert}", "${eval}", "${prompt}", "![]+[]", "(![]", "!![]", "globaleval", "[]).constructor", ".constructor(", "constructor.constructor"
  };

  /** The text without JS comments and whitespace, lower case: {@code document /*x*}{@code / . cookie} reads {@code document.cookie}. */
  static String compactScript(String text) {
    StringBuilder b = new StringBuilder(text.length());
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int close = text.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 1;
        continue;
      }
      if (c <= ' ') {
        continue;
      }
      b.append(lower(c));
    }
    return b.toString();
  }

  /** The index of a DOM sink property ({@code document.cookie}, {@code window.location}, ...), or -1. */
  private static int domSink(String text) {
    if (text.indexOf('.') < 0) {
      return -1; // every sink is a property access
    }
    // ten of the sinks are document.*: one search tells whether any of them can be there
    boolean document = Ascii.indexOf(text, "document.", 0) >= 0;
    for (String sink : DOM_SINKS) {
      if (!document && sink.startsWith("document.")) {
        continue;
      }
      int at = Ascii.indexOf(text, sink, 0);
      if (at >= 0 && (at == 0 || !Ascii.isWordChar(text.charAt(at - 1)))) {
        return at;
      }
    }
    return -1;
  }

  private static boolean hasControlInScheme(String text, int uri) {
    for (int k = uri; k < text.length() && k < uri + 20 && text.charAt(k) != ':'; k++) {
      if (text.charAt(k) < ' ') {
        return true;
      }
    }
    return false;
  }

  /** Script properties no form field names: reading cookies, writing the document, navigating. */
  private static final String[] DOM_SINKS = {"document.cookie", "document.domain", "document.write(", "document.writeln(", "window.location", "document.location", "string.fromcharcode(", ".innerhtml=", ".outerhtml=", "top.location", "document.createelement(", "document.queryselector(", "document.getelementbyid(", "document.body.", ".appendchild(", "document.documentelement"};

  private static final String[] HANDLER_VALUES = {"eval", "alert", "prompt", "confirm"};

  /** Whether a handler's value at {@code k} is script: a call of a JS sink, a script URI, or code. */
  private static boolean scriptFollows(String text, int k) {
    int n = text.length();
    while (k < n && (Ascii.isSpace(text.charAt(k)) || text.charAt(k) == '"' || text.charAt(k) == '\'' || text.charAt(k) == '`')) {
      k++;
    }
    for (String sink : JS_SINKS) {
      if (Ascii.regionIs(text, k, sink)) {
        return true;
      }
    }
    for (String name : HANDLER_VALUES) {
      if (Ascii.regionIs(text, k, name) && (k + name.length() >= n || !Ascii.isWordChar(text.charAt(k + name.length())))) {
        return true; // onerror=eval;throw'...'
      }
    }
    if (scriptUri(text, k, Math.min(n, k + 40)) == k) {
      return true;
    }
    // name(...) or a.b(...) : a call
    int j = k;
    while (j < n && j - k < 40 && (Ascii.isWordChar(text.charAt(j)) || text.charAt(j) == '.' || text.charAt(j) == '$')) {
      j++;
    }
    return j > k && j < n && text.charAt(j) == '(';
  }

  private static final String[] JS_SINKS = {"alert(", "alert`", "prompt(", "confirm(", "eval(", "document.cookie", "document.write", "document.location", "window.location", "settimeout(", "setinterval(", "fetch(", "import(", "atob(", "top[", "window[", "self[", "this[", "location="};

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

  private static boolean hasCodeAfterScheme(String text, int uri) {
    int colon = text.indexOf(':', uri);
    if (colon < 0 || colon + 1 >= text.length()) {
      return false;
    }
    char c = text.charAt(colon + 1);
    if (c != ' ' || Ascii.regionIs(text, uri, "data:")) {
      return true;
    }
    // "javascript: \\x61lert(1)" (an escape), "javascript: (alert)(1)", "javascript: alert(1)"; not "JavaScript:
    // The Good Parts", "JavaScript: (Almost) Everything", "JavaScript: 'this' explained"
    int k = colon + 1;
    while (k < text.length() && k - colon < 16 && Ascii.isSpace(text.charAt(k))) {
      k++;
    }
    if (k >= text.length()) {
      return false;
    }
    char d = text.charAt(k);
    if (d == '\\' || d == '[' || d == '{' || d == '`' || d == '(' && (k + 1 >= text.length() || !(text.charAt(k + 1) >= 'A' && text.charAt(k + 1) <= 'Z'))) {
      return true;
    }
    int j = k;
    while (j < text.length() && j - k < 40 && (Ascii.isWordChar(text.charAt(j)) || text.charAt(j) == '$')) {
      j++;
    }
    return j > k && j < text.length() && text.charAt(j) == '(';
  }

  private static boolean isLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }
}
