package io.bulwark.policy.detect.html;

import static io.bulwark.policy.detect.html.XssWords.DOM_SINK_NAMES;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Detector;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import io.bulwark.policy.detect.ValueScan;
import io.bulwark.policy.detect.decode.InputDecoding;
import io.bulwark.policy.detect.text.Ascii;
import io.bulwark.policy.detect.text.CharClasses;
import io.bulwark.policy.detect.text.Evidence;

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

  @Override
  public Category category() {
    return Category.XSS;
  }

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
    if (name != null && (source == Source.QUERY || source == Source.FORM || source == Source.COOKIE)
        && name.length() >= 11 && name.indexOf('.') > 0 && DOM_SINK_NAMES.contains(name, 0, name.length())) {
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
        if (XssScript.scriptUri(value, s, Math.min(value.length(), s + 40)) == s && s < value.length()
            && (XssScript.hasCodeAfterScheme(value, s) || XssScript.hasControlInScheme(value, s))) {
          return new Finding(Category.XSS, "xss.script-uri", Evidence.of(value, value, s, value.length()));
        }
      }
      if (scan.mayHold(CharClasses.SLASH) && value.indexOf("/*") >= 0 && Ascii.contains(value, "cookie")) {
        String compact = XssScript.compactScript(value); // document /*x*/ . cookie
        if (compact.contains("document.cookie")) {
          return new Finding(Category.XSS, "xss.dom-sink", Evidence.of(value, value, 0, value.length()));
        }
      }
      if (scan.mayHold(CharClasses.DOT) && value.indexOf('.') > 0) {
        int at = XssScript.domSink(value);
        return at < 0 ? null : new Finding(Category.XSS, "xss.dom-sink", Evidence.of(value, value, at, value.length()));
      }
      return null;
    }
    String decoded = foldUtf7(InputDecoding.decode(value));
    String text = foldHalfWidth(decoded);
    Finding f = XssTags.inspect(value, text);
    if (f != null) {
      return f;
    }
    if (text != decoded) {
      int pair = XssMarkup.elementPair(decoded); // ¼test¾...¼/test¾: markup in the high-bit spelling
      if (pair >= 0) {
        return new Finding(Category.XSS, "xss.tag",
            Evidence.of(value, decoded, pair, Math.min(decoded.length(), pair + 60)));
      }
    }
    int entity = text.indexOf('!') >= 0 ? XssMarkup.externalEntity(text) : -1;
    if (entity >= 0) {
      return new Finding(Category.XSS, "xss.external-entity",
          Evidence.of(value, text, entity, Math.min(text.length(), entity + 60)));
    }
    return XssAttributeContext.inspect(value, text);
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
      if (c >= '\u00c2' && c <= '\u00df' && i + 1 < n
          && (text.charAt(i + 1) == '\u00bc' || text.charAt(i + 1) == '\u00be' || text.charAt(i + 1) == '\u00a2')) {
        continue;
      }
      b.append(c == '\u00bc' ? '<' : c == '\u00be' ? '>' : c == '\u00a2' ? '"' : c);
    }
    return b.toString();
  }

  /** {@code +ADw-} (UTF-7 for {@code <}) and its friends, as old IE read a page without a charset. */
  private static String foldUtf7(String text) {
    if (text.indexOf('+') < 0
        || !(Ascii.contains(text, "+adw") || Ascii.contains(text, "+ad4") || Ascii.contains(text, "+aci"))) {
      return text;
    }
    return text.replace("+ADw-", "<").replace("+AD4-", ">").replace("+ACI-", "\"").replace("+adw-", "<")
        .replace("+ad4-", ">").replace("+aci-", "\"");
  }
}
