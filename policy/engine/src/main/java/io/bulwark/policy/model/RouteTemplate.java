package io.bulwark.policy.model;

/**
 * A route template as frameworks declare it ({@code /users/{id}}, {@code /files/{path: .+}},
 * {@code users/{id}/}), reduced to one spelling so the template a rule names and the template a
 * framework matched compare as plain strings: one leading slash, no empty segments, no trailing
 * slash, and each variable written {@code {}} (names and regular expressions dropped: renaming a
 * path parameter must not silently disarm a rule).
 */
public final class RouteTemplate {

  static final int MAX_LENGTH = 2048;

  private RouteTemplate() {}

  /**
   * The normalized template, or {@code null} when {@code template} is not one (unbalanced braces,
   * too long). Never throws: framework input is not trusted to be well-formed.
   */
  public static String normalize(String template) {
    if (template == null || template.length() > MAX_LENGTH) {
      return null;
    }
    StringBuilder out = new StringBuilder(template.length() + 1);
    int depth = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (depth > 0) {
        if (c == '{') {
          depth++; // a regular expression's own braces, e.g. {id: [0-9]{3}}
        } else if (c == '}' && --depth == 0) {
          out.append('}');
        }
        continue;
      }
      if (c == '{') {
        depth = 1;
        appendSlashIfSegmentStarts(out);
        out.append('{');
      } else if (c == '}') {
        return null;
      } else if (c == '/') {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '/') {
          out.append('/');
        }
      } else {
        appendSlashIfSegmentStarts(out);
        out.append(c);
      }
    }
    if (depth != 0) {
      return null;
    }
    if (out.length() > 1 && out.charAt(out.length() - 1) == '/') {
      out.setLength(out.length() - 1);
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  private static void appendSlashIfSegmentStarts(StringBuilder out) {
    if (out.length() == 0) {
      out.append('/');
    }
  }

  /** Joins a class-level and a method-level template ({@code @Path} on both), either may be null. */
  public static String join(String outer, String inner) {
    if (outer == null || outer.isEmpty()) {
      return inner == null ? "/" : inner;
    }
    if (inner == null || inner.isEmpty()) {
      return outer;
    }
    return outer + "/" + inner;
  }
}
