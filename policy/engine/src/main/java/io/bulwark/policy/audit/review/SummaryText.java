package io.bulwark.policy.audit.review;

import java.io.PrintWriter;
import java.util.Map;

/** Prints an {@link AuditSummary} for a terminal; text from the file is made safe to print first. */
public final class SummaryText {

  private SummaryText() {}

  public static void print(AuditSummary summary, int top, PrintWriter out) {
    out.println("Audit summary: " + summary.events + " event(s) in " + summary.files().size() + " file(s)"
        + (summary.firstTime == null ? "" : ", " + safe(summary.firstTime) + " to " + safe(summary.lastTime))
        + (summary.unreadable == 0 ? "" : "; " + summary.unreadable + " unreadable line(s)"));
    out.println();
    out.println("By action:");
    for (Map.Entry<String, Long> entry : AuditSummary.top(summary.actions, Integer.MAX_VALUE)) {
      out.printf("  %8d  %s%n", entry.getValue(), safe(entry.getKey()));
    }
    for (Map.Entry<String, Map<String, Long>> table : summary.tables().entrySet()) {
      out.println();
      out.println("Top " + table.getKey() + ":");
      if (table.getValue().isEmpty()) {
        out.println("  (none)");
      }
      for (Map.Entry<String, Long> entry : AuditSummary.top(table.getValue(), top)) {
        out.printf("  %8d  %s%n", entry.getValue(), safe(entry.getKey()));
      }
    }
    out.println();
    out.println("Per minute (UTC):");
    for (Map.Entry<String, Map<String, Long>> minute : summary.perMinute.entrySet()) {
      StringBuilder line = new StringBuilder("  ").append(safe(minute.getKey().replace('T', ' ')));
      long total = 0;
      for (long count : minute.getValue().values()) {
        total += count;
      }
      line.append(String.format("  %6d", total));
      for (Map.Entry<String, Long> action : minute.getValue().entrySet()) {
        line.append("  ").append(safe(action.getKey())).append(' ').append(action.getValue());
      }
      out.println(line);
    }
    out.flush();
  }

  /**
   * Text as a terminal may show it: control characters (ANSI escapes included), line and paragraph
   * separators and bidirectional overrides become visible {@code \\uXXXX}, so a value in the file
   * cannot move the cursor, recolour the screen or reorder what the reviewer reads.
   */
  public static String safe(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean unsafe = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
          || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
          || c == 0x061c || c == '\\';
      if (unsafe && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (unsafe) {
          out.append(c == '\\' ? "\\\\" : String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }
}
