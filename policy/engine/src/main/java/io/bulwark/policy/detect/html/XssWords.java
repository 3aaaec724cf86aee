package io.bulwark.policy.detect.html;

import io.bulwark.policy.detect.text.WordTable;

/**
 * The vocabulary of {@link XssDetector}: the tags, URI schemes, attributes, calls and DOM sinks
 * that run script. Each list is read by one check; kept here, the checks read as logic only.
 */
final class XssWords {

  private XssWords() {}

  /** Tags whose mere presence is active content: no attribute needed. */
  static final WordTable SCRIPT_TAGS =
      new WordTable(
          "script", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "base",
          "xml", "import", "isindex", "vmlframe", "portal", "meta", "handler", "bgsound", "layer",
          "ilayer", "xss", "style", "noscript", "plaintext", "xmp", "noembed", "template", "link");

  /** URI schemes a browser runs as script or renders as a document of their own. */
  static final String[] SCRIPT_SCHEMES = {
    "javascript:", "vbscript:", "livescript:", "mocha:", "data:text/html", "data:image/svg+xml",
    "data:application/x-", "data:text/xml", "data:,"
  };

  /** DOM sinks as a whole name ({@code document.cookie=x}): no API names a field like that. */
  static final WordTable DOM_SINK_NAMES =
      new WordTable(
          "document.cookie", "document.domain", "document.write", "document.writeln",
          "document.location", "window.location", "location.href", "document.url", "window.open",
          "document.body.innerhtml");

  /** Namespace prefixes whose elements are script-capable: {@code <svg:mast>}, {@code <xsl:stylesheet>}. */
  static final WordTable NAMESPACE_PREFIXES = new WordTable("svg", "xsl", "xhtml", "html", "math", "x");

  /** Attributes that run or bind script without an on* name, within {@code text[from, to)}. */
  static final String[] ACTIVE_ATTRIBUTES = {
    "dataformatas", "datasrc", "formaction", "attributename=\"on", "attributename='on",
    "attributename=on", "text/javascript", "text/vbscript", "text/x-scriptlet", "&{"
  };

  /** Calls that make a value script on its own: {@code alert(1)}, {@code eval('...')}, {@code setInterval(x, 1)}. */
  static final String[] VALUE_CALLS = {
    "alert(", "alert`", "prompt(", "confirm(", "eval(", "atob(", "btoa(", "settimeout(",
    "setinterval(", "new function(", "function(", "execscript("
  };

  /** Property-access spellings of script sinks, in {@link XssScript#compactScript} form. */
  static final String[] GADGETS = {
    "document.cookie", "document[\"cookie\"]", "document['cookie']", "(document)[", "window[\"",
    "window['", "self[\"", "self['", "top[\"", "top['", "[\"alert\"]", "['alert']", ".call`",
    "${alert}", "${eval}", "${prompt}", "![]+[]", "(![]", "!![]", "globaleval", "[]).constructor",
    ".constructor(", "constructor.constructor"
  };

  /** Script properties no form field names: reading cookies, writing the document, navigating. */
  static final String[] DOM_SINKS = {
    "document.cookie", "document.domain", "document.write(", "document.writeln(", "window.location",
    "document.location", "string.fromcharcode(", ".innerhtml=", ".outerhtml=", "top.location",
    "document.createelement(", "document.queryselector(", "document.getelementbyid(",
    "document.body.", ".appendchild(", "document.documentelement"
  };

  /** Functions a handler names without calling them: {@code onerror=eval;throw'...'}. */
  static final String[] HANDLER_VALUES = {"eval", "alert", "prompt", "confirm"};

  /** How script after a closed quote or in a handler starts: calls, sinks, property access on the globals. */
  static final String[] JS_SINKS = {
    "alert(", "alert`", "prompt(", "confirm(", "eval(", "document.cookie", "document.write",
    "document.location", "window.location", "settimeout(", "setinterval(", "fetch(", "import(",
    "atob(", "top[", "window[", "self[", "this[", "location="
  };
}
