package io.bulwark.policy.detect.net;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Detector;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import io.bulwark.policy.detect.ValueScan;
import io.bulwark.policy.detect.text.Ascii;
import io.bulwark.policy.detect.text.CharClasses;
import io.bulwark.policy.detect.text.Evidence;
import io.bulwark.policy.detect.text.WordTable;

/**
 * Values that look like a request for the server to fetch something internal: a URL (or, in a
 * parameter named like one, a bare host) whose host is loopback, private, link-local, shared,
 * unspecified, a cloud metadata service or an internal name, in any IP spelling; and URLs with
 * schemes that server-side fetchers follow to files or raw sockets ({@code file: gopher: dict:
 * jar: netdoc: ldap: ...}).
 *
 * <p>Remote file inclusion (CRS 931) is reported here too, with reasons {@code ssrf.rfi-*}: an
 * include of a remote URL is the server fetching what the attacker names. Two shapes count: a
 * value that is a URL scheme or a URL ending in {@code ?} (the trick that cuts off the suffix an
 * {@code include($dir . ".php")} appends; {@code http?}, {@code https://evil.example?},
 * {@code http://evil.example/shell.txt?}), and any http/ftp URL in a parameter whose name ends
 * in a word that names a local path or an include ({@code _CONF[path]},
 * {@code mosConfig_absolute_path}, {@code templateDir}). Names like {@code file} and {@code page}
 * are left out on purpose: upload-by-URL and analytics APIs send public URLs in them.
 *
 * <p>Headers are not inspected: a Referer or Origin of {@code http://localhost:8080} is what a
 * developer's browser sends. Allowed hosts ({@code ssrf.allowHosts}) are applied by the caller.
 */
public final class SsrfDetector implements Detector {

  private static final WordTable FETCH_SCHEMES =
      new WordTable(
          "file", "gopher", "dict", "ftp", "tftp", "jar", "netdoc", "ldap", "ldaps", "ldapi", "rmi",
          "sftp", "smb", "php", "phar", "expect", "glob", "zip", "compress.zlib", "data", "ogg",
          "jdbc", "mailto", "telnet", "ssh2", "iiop", "corba", "nfs");
  private static final WordTable URL_NAMES =
      new WordTable(
          "url", "uri", "host", "hostname", "target", "dest", "destination", "redirect", "redirect_uri",
          "redirect_url", "callback", "callback_url", "webhook", "webhook_url", "endpoint", "link",
          "src", "source", "domain", "proxy", "server", "address", "addr", "ip", "feed", "image_url",
          "imageurl", "avatar_url", "fetch", "next", "return", "returnurl", "return_url", "continue",
          "path", "file", "load", "page", "site", "href", "location", "remote", "upstream", "origin");
  /** Last words of parameter names that hold a local path or an include target, never a remote URL. */
  private static final WordTable INCLUDE_NAME_WORDS =
      new WordTable("path", "include", "inc", "require", "template", "tpl", "dir", "basedir", "rootdir", "docroot");
  /** Schemes PHP's include follows (with allow_url_include) and CRS 931120 lists. */
  private static final WordTable INCLUDE_SCHEMES = new WordTable("http", "https", "ftp", "ftps", "file");

  @Override
  public Category category() {
    return Category.SSRF;
  }

  @Override
  public Finding inspect(Source source, String name, String value) {
    return inspect(source, name, value, ValueScan.of(value));
  }

  @Override
  public Finding inspect(Source source, String name, String value, ValueScan scan) {
    if (value == null || value.length() < 3 || source == Source.HEADER || source == Source.XML_DOCUMENT) {
      return null;
    }
    boolean urlName = name != null && URL_NAMES.contains(name, 0, name.length());
    if (!urlName && !scan.holdsAny(CharClasses.COLON | CharClasses.PERCENT | CharClasses.AMP, ":%&")
        && !value.startsWith("169.254.") && value.charAt(value.length() - 1) != '?'
        && !mayBeSchemelessLocalUrl(value)) {
      return null;
    }
    String text = scan.decoded().trim();
    Finding rfi = remoteInclude(name, value, text);
    if (rfi != null) {
      return rfi;
    }
    int colon = text.indexOf(':');
    if (colon > 0 && colon < 20) {
      int schemeStart = 0;
      String scheme = FETCH_SCHEMES.find(text, schemeStart, colon);
      if (scheme != null && isFetchUrl(scheme, text, colon)) {
        return finding("ssrf.scheme", value, text, 0, text.length());
      }
      if (Ascii.regionIs(text, 0, "http")
          && (colon == 4 || colon == 5 && (text.charAt(4) == 's' || text.charAt(4) == 'S'))) {
        return inspectUrl(value, text, colon + 1);
      }
    }
    // a URL later in the value (a redirect chain, a URL in prose or in a JSON string)
    int at = Ascii.indexOf(text, "://", 0);
    if (at > 0) {
      int s = at;
      while (s > 0 && Ascii.isWordChar(text.charAt(s - 1))) {
        s--;
      }
      if (at - s >= 3 && at - s <= 6 && Ascii.regionIs(text, s, "http")) {
        return inspectUrl(value, text, at + 1);
      }
    }
    // a bare host in a parameter named like a URL or host
    if (urlName) {
      int end = 0;
      while (end < text.length() && text.charAt(end) != '/' && text.charAt(end) != '?' && text.charAt(end) != '#') {
        end++;
      }
      String host = hostOf(text, 0, end);
      HostAddresses.HostClass c = HostAddresses.classify(host);
      if (c.isInternal()) {
        return finding("ssrf." + reason(c), value, text, 0, end);
      }
    } else if (text.startsWith("169.254.169.254") || text.startsWith("[fd00:ec2::254]")) {
      return finding("ssrf.metadata", value, text, 0, text.length());
    } else {
      return schemelessLocalUrl(value, text);
    }
    return null;
  }

  /** Cheap pre-check for {@link #schemelessLocalUrl}: the value starts like this machine's name or address. */
  private static boolean mayBeSchemelessLocalUrl(String value) {
    return (Ascii.regionIs(value, 0, "localhost") || value.startsWith("127.") || value.startsWith("0.0.0.0")
        || value.startsWith("[::")) && value.indexOf('/') > 0;
  }

  /**
   * A URL without its scheme whose host is this machine or a metadata service, followed by a path
   * ({@code localhost/}, {@code 127.0.0.1:8080/admin}, {@code [::1]/}): what a fetcher that adds
   * {@code http://} itself reads (CRS 934190 probes for it). Only {@code localhost} names and
   * addresses written in full (four dotted parts, or bracketed IPv6) count, so a date such as
   * {@code 2026/12/02} is never read as a numeric address; a value with spaces is prose.
   */
  private static Finding schemelessLocalUrl(String original, String text) {
    int slash = text.indexOf('/');
    if (slash <= 0 || slash > 64 || hasSpace(text)) {
      return null; // prose that mentions localhost/ is not a URL handed to a fetcher
    }
    String host = hostOf(text, 0, slash);
    boolean spelledOut = text.charAt(0) == '[' || Ascii.regionIs(host, 0, "localhost") && host.length() == 9
        || countDots(host) == 3;
    if (!spelledOut) {
      return null;
    }
    HostAddresses.HostClass c = HostAddresses.classify(host);
    if (c == HostAddresses.HostClass.LOOPBACK || c == HostAddresses.HostClass.UNSPECIFIED
        || c == HostAddresses.HostClass.METADATA || c == HostAddresses.HostClass.INTERNAL_NAME) {
      return finding("ssrf." + reason(c), original, text, 0, slash + 1);
    }
    return null;
  }

  private static boolean hasSpace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Ascii.isSpace(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static int countDots(String host) {
    int dots = 0;
    for (int i = 0; i < host.length(); i++) {
      if (host.charAt(i) == '.') {
        dots++;
      }
    }
    return dots;
  }

  /** Remote file inclusion shapes (see the class comment); null when the value is neither. */
  private static Finding remoteInclude(String name, String original, String text) {
    int n = text.length();
    int scheme = 0;
    while (scheme < n && scheme < 6 && Ascii.isWordChar(text.charAt(scheme))) {
      scheme++;
    }
    if (scheme < 3 || !INCLUDE_SCHEMES.contains(text, 0, scheme)) {
      return null;
    }
    if (text.charAt(n - 1) == '?') {
      int q = n - 1;
      while (q > 0 && text.charAt(q - 1) == '?') {
        q--;
      }
      if (q == scheme) {
        return finding("ssrf.rfi-trailing-question", original, text, 0, n); // "http?", "file??"
      }
      if (text.startsWith("://", scheme) && text.indexOf('?') == q && text.indexOf('#') < 0 && text.indexOf(' ') < 0
          && fileLikeOrNoPath(text, scheme + 3, q)) {
        return finding("ssrf.rfi-trailing-question", original, text, 0, n);
      }
    }
    if (name != null && text.startsWith("://", scheme) && !Ascii.regionIs(text, 0, "file") && includeLikeName(name)) {
      return finding("ssrf.rfi-include-parameter", original, text, 0, n);
    }
    return null;
  }

  /**
   * The URL's path ({@code text[from, to)} is authority and path) is empty or ends in a script or text
   * file: {@code https://evil.example?}, {@code http://x/shell.txt?}; not a search page left
   * with an empty query ({@code https://shop.example.com/search?}).
   */
  private static boolean fileLikeOrNoPath(String text, int from, int to) {
    int slash = text.indexOf('/', from);
    if (slash < 0 || slash >= to || slash == to - 1) {
      return true;
    }
    int last = text.lastIndexOf('/', to - 1);
    int dot = text.lastIndexOf('.', to - 1);
    return dot > last + 1 && dot < to - 1 && INCLUDE_EXTENSIONS.contains(text, dot + 1, to);
  }

  /** Extensions of what an include runs: scripts and the text files shells are hosted as. */
  private static final WordTable INCLUDE_EXTENSIONS =
      new WordTable(
          "txt", "php", "php3", "php4", "php5", "phtml", "inc", "sh", "pl", "py", "jsp", "asp",
          "aspx", "cgi");

  /**
   * The name's last word ({@code _CONF[path]}, {@code mosConfig_absolute_path}, {@code templateDir})
   * names a local path or include.
   */
  private static boolean includeLikeName(String name) {
    int end = name.length();
    while (end > 0 && !Character.isLetter(name.charAt(end - 1))) {
      end--;
    }
    int start = end;
    while (start > 0 && Character.isLetter(name.charAt(start - 1))) {
      start--;
      if (Character.isUpperCase(name.charAt(start)) && start > 0 && Character.isLowerCase(name.charAt(start - 1))) {
        break; // camelCase boundary: templateDir -> Dir
      }
    }
    return end > start && INCLUDE_NAME_WORDS.contains(name, start, end);
  }

  private static boolean isFetchUrl(String scheme, String text, int colon) {
    int rest = text.length() - colon - 1;
    if (rest < 1 || text.charAt(colon + 1) <= ' ') {
      return false; // "file: report.pdf" is a label, not a URL
    }
    switch (scheme) {
      case "mailto":
        return false;
      case "data":
        return false; // an image data: URI is ordinary; data:text/html is the XSS detector's
      case "file":
        char c = text.charAt(colon + 1);
        return c == '/' || c == '\\'
            || Character.isLetter(c) && colon + 2 < text.length() && text.charAt(colon + 2) == ':';
      case "gopher":
      case "dict":
      case "jar":
      case "netdoc":
      case "phar":
      case "expect":
      case "glob":
      case "compress.zlib":
      case "php":
        return true;
      default:
        // ftp:, ldap:, sftp:, ... need an authority to be a URL rather than prose "ftp: see below"
        return text.startsWith("//", colon + 1);
    }
  }

  private static Finding inspectUrl(String original, String text, int afterColon) {
    int i = afterColon;
    // http:/\host, http:\\host and http:host are all read as http://host by browsers and many clients
    int slashes = 0;
    while (i < text.length() && (text.charAt(i) == '/' || text.charAt(i) == '\\') && slashes < 3) {
      i++;
      slashes++;
    }
    int end = i;
    while (end < text.length() && "/?#\\".indexOf(text.charAt(end)) < 0 && !Ascii.isSpace(text.charAt(end))) {
      end++;
    }
    String host = hostOf(text, i, end);
    HostAddresses.HostClass c = HostAddresses.classify(host);
    if (c.isInternal()) {
      return finding("ssrf." + reason(c), original, text, Math.max(0, afterColon - 6), end);
    }
    if (c == HostAddresses.HostClass.PUBLIC && HostAddresses.isOddIpv4Spelling(host)) {
      return finding("ssrf.obfuscated-ip", original, text, Math.max(0, afterColon - 6), end);
    }
    if (c == HostAddresses.HostClass.PUBLIC && (HostAddresses.parseIpv4(host) >= 0 || host.indexOf(':') >= 0)
        && end < text.length() && text.charAt(end) == '/') {
      // a URL to a raw IP address with a path: how remote-include and SSRF probes address servers
      // they control; real integrations use names
      return finding("ssrf.ip-literal", original, text, Math.max(0, afterColon - 6), end);
    }
    return null;
  }

  /** The host of an authority {@code text[from, to)}: no userinfo, no port, brackets kept off. */
  static String hostOf(String text, int from, int to) {
    int at = text.lastIndexOf('@', to - 1);
    if (at >= from) {
      from = at + 1;
    }
    if (from < to && text.charAt(from) == '[') {
      int close = text.indexOf(']', from);
      if (close > from && close < to) {
        return text.substring(from + 1, close);
      }
      return text.substring(from, to);
    }
    int colon = text.indexOf(':', from);
    if (colon >= 0 && colon < to) {
      // more than one colon without brackets: an IPv6 address some clients accept bare
      if (text.indexOf(':', colon + 1) >= 0 && text.indexOf(':', colon + 1) < to) {
        return text.substring(from, to);
      }
      to = colon;
    }
    return text.substring(from, to);
  }

  private static String reason(HostAddresses.HostClass c) {
    switch (c) {
      case METADATA:
        return "metadata";
      case LOOPBACK:
      case UNSPECIFIED:
        return "loopback";
      case INTERNAL_NAME:
        return "internal-name";
      default:
        return "private-address";
    }
  }

  private static Finding finding(String reason, String original, String text, int start, int end) {
    return new Finding(Category.SSRF, reason, Evidence.of(original, text, start, end));
  }
}
