package io.bulwark.policy.detect;

/**
 * Where in a request an inspected value came from. Detectors use it to know what a value can
 * legitimately look like (a header is not a path segment) and which checks apply at all (XXE only
 * in XML, NoSQL operators in parameter names and JSON keys).
 */
public enum Source {
  /** A query-string parameter ({@code query.NAME}). */
  QUERY("query"),
  /** A form-encoded body parameter ({@code form.NAME}). */
  FORM("form"),
  /** One path segment, decoded ({@code path.N} or {@code path.NAME} for a rule's variable). */
  PATH("path"),
  /** A request header ({@code header.NAME}, lower case). */
  HEADER("header"),
  /** A cookie ({@code cookie.NAME}). */
  COOKIE("cookie"),
  /** A string in a JSON body ({@code json.$.a.b[0]}); its name is the last key. */
  JSON("json"),
  /** A text or attribute value in an XML body ({@code xml./a/b}). */
  XML("xml"),
  /** A whole XML body, for DOCTYPE and entity declarations ({@code body}). */
  XML_DOCUMENT("body");

  private final String prefix;

  Source(String prefix) {
    this.prefix = prefix;
  }

  /** How audit locations of this source start, e.g. {@code query}. */
  public String prefix() {
    return prefix;
  }
}
