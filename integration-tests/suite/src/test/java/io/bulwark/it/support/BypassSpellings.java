package io.bulwark.it.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Spellings of a request to the admin route ({@code /api/admin/users}, protected by a rule for
 * {@code /api/admin/**}) that servers and frameworks have been known to route past a check:
 * path parameters, dot segments, encodings, double encoding, separators, case, suffixes, control
 * and line-separator characters, overlong UTF-8, look-alike letters. Each target is sent byte for
 * byte: one char of {@link Spelling#target} is one byte on the wire.
 */
public final class BypassSpellings {

  private BypassSpellings() {}

  /** One request target; {@code target} holds raw bytes as ISO-8859-1 chars. */
  public record Spelling(String group, String target) {
    /** The target for a Markdown table: non-printable and non-ASCII bytes as \xNN. */
    public String label() {
      StringBuilder label = new StringBuilder();
      for (char c : target.toCharArray()) {
        if (c < 0x21 || c > 0x7e) {
          label.append(String.format("\\x%02X", (int) c));
        } else if (c == '|') {
          label.append("\\|");
        } else {
          label.append(c);
        }
      }
      return label.toString();
    }
  }

  public static List<Spelling> all() {
    List<Spelling> all = new ArrayList<>();
    add(all, "plain", "/api/admin/users");
    add(all, "case", "/API/ADMIN/users", "/Api/Admin/Users", "/api/ADMIN/users");
    add(all, "slashes", "/api/admin/users/", "//api//admin//users", "/api/admin//users", "/api//admin/users");
    add(all, "dot segments", "/api/./admin/users", "/./api/admin/users", "/api/hello/../admin/users",
        "/public/../api/admin/users", "/api/admin/x/../users", "/api/admin/users/.");
    add(all, "path parameters", "/api/admin;x=y/users", "/api;x=y/admin/users", "/api/admin;/users",
        "/api/admin/users;jsessionid=ABC", "/api/hello/..;/admin/users", "/api/hello/..;x=y/admin/users",
        "/api/.;/admin/users", "/..;/api/admin/users");
    add(all, "percent-encoding", "/api/%61dmin/users", "/%61%70%69/%61%64%6D%69%6E/users",
        "/api/hello/%2e%2e/admin/users", "/api/hello/%2E%2E/admin/users", "/api/hello/.%2e/admin/users",
        "/api/%2e/admin/users", "/api/admin/users/%2e");
    add(all, "encoded separators", "/api/admin%2Fusers", "/api%2fadmin/users", "/api/hello/..%2Fadmin/users",
        "/api/hello/..%5Cadmin/users", "/api/admin%5Cusers", "/api/admin%3Bx=y/users");
    add(all, "double encoding", "/api/hello/%252e%252e/admin/users", "/api/%2561dmin/users", "/api/admin%252Fusers");
    add(all, "backslash", "/api\\admin\\users", "/api/hello/..\\admin/users");
    add(all, "NUL, CR/LF, tab, line separators", "/api/admin%00/users", "/api/admin/users%00.json",
        "/api/admin%0d%0aX-Injected:%20y/users", "/api/admin%09/users", "/api/admin%E2%80%A8/users",
        "/api/admin" + utf8Bytes("\u2028") + "/users", "/api/admin%C2%85/users");
    add(all, "overlong UTF-8", "/api/hello/%c0%ae%c0%ae/admin/users", "/api/hello/%e0%80%ae%e0%80%ae/admin/users",
        "/api/%c1%a1dmin/users", "/api/hello/\u00c0\u00ae\u00c0\u00ae/admin/users");
    add(all, "look-alike letters", "/api/adm%C4%B1n/users", "/api/ADM%C4%B0N/users", "/api/%EF%BD%81dmin/users");
    add(all, "suffixes", "/api/admin.json", "/api/admin/users.json");
    add(all, "malformed escapes", "/api/%zzadmin/users", "/api/admin%/users", "/api/admin%2/users");
    add(all, "query and fragment", "/api/admin/users?x=/../", "/api/hello?/../admin/users", "/api/admin/users#x");
    add(all, "trailing space", "/api/admin%20/users");
    add(all, "absolute form", "http://127.0.0.1/api/admin/users");
    return all;
  }

  private static void add(List<Spelling> all, String group, String... targets) {
    for (String target : targets) {
      all.add(new Spelling(group, target));
    }
  }

  /** The UTF-8 bytes of {@code text} as ISO-8859-1 chars, to send a raw (unescaped) character. */
  private static String utf8Bytes(String text) {
    return new String(text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
