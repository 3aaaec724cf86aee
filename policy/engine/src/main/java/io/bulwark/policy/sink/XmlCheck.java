package io.bulwark.policy.sink;

import io.bulwark.policy.detect.Category;

/**
 * Whether XML parsed while serving a request declares a document type that reaches outside the
 * document: an external DTD ({@code SYSTEM}/{@code PUBLIC}) or entity declarations (external
 * entities read files and URLs; internal ones expand into "billion laughs"). Only the head of the
 * document is looked at: a DOCTYPE must come before the root element.
 *
 * <p>XML parsed from a stream or reader during a request is taken to be the request's (its body, or
 * data it names); XML the application reads from its own files by name is not checked.
 */
final class XmlCheck {

  private XmlCheck() {}

  static SinkFinding check(String head) {
    int doctype = indexOfIgnoreCase(head, "<!DOCTYPE", 0);
    if (doctype < 0) {
      return null;
    }
    int end = Math.min(head.length(), doctype + 120);
    String evidence = head.substring(doctype, end);
    if (indexOfIgnoreCase(head, "<!ENTITY", doctype) >= 0) {
      boolean external =
          indexOfIgnoreCase(head, "SYSTEM", doctype) >= 0 || indexOfIgnoreCase(head, "PUBLIC", doctype) >= 0;
      return new SinkFinding(Category.XXE, external ? "xxe.external-entity" : "xxe.entity", evidence, "body");
    }
    int close = head.indexOf('>', doctype);
    int system = indexOfIgnoreCase(head, "SYSTEM", doctype);
    int pub = indexOfIgnoreCase(head, "PUBLIC", doctype);
    if ((system >= 0 && (close < 0 || system < close)) || (pub >= 0 && (close < 0 || pub < close))) {
      return new SinkFinding(Category.XXE, "xxe.external-dtd", evidence, "body");
    }
    return null;
  }

  private static int indexOfIgnoreCase(String text, String word, int from) {
    int n = text.length() - word.length();
    for (int i = Math.max(0, from); i <= n; i++) {
      if (text.regionMatches(true, i, word, 0, word.length())) {
        return i;
      }
    }
    return -1;
  }
}
