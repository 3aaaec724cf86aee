package io.bulwark.policy.detect.nosql;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Detector;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import io.bulwark.policy.detect.ValueScan;
import io.bulwark.policy.detect.text.CharClasses;
import io.bulwark.policy.detect.text.Ascii;
import io.bulwark.policy.detect.text.Evidence;
import io.bulwark.policy.detect.text.WordTable;

/**
 * MongoDB-style operator injection: a query operator where the application expects a plain value.
 * It arrives as a parameter name in bracket syntax ({@code user[$ne]=x}, which Express, PHP and
 * Rails parse into {@code {"user": {"$ne": "x"}}}), as a JSON key ({@code {"user": {"$gt": ""}}}),
 * or as JSON inside a string value; {@code $where} with JavaScript is flagged wherever it is.
 */
public final class NoSqlInjectionDetector implements Detector {

  private static final WordTable OPERATORS =
      new WordTable(
          "$ne", "$eq", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$regex", "$where", "$expr",
          "$exists", "$or", "$and", "$not", "$nor", "$elemmatch", "$function", "$accumulator",
          "$text", "$size", "$all", "$type", "$mod", "$jsonschema", "$options", "$lookup",
          "$unionwith", "$merge", "$out", "$set", "$unset", "$inc", "$push", "$rename",
          "$comment", "$search", "$geowithin", "$near");

  @Override
  public Category category() {
    return Category.NOSQL_INJECTION;
  }

  @Override
  public Finding inspect(Source source, String name, String value) {
    return inspect(source, name, value, ValueScan.of(value));
  }

  @Override
  public Finding inspect(Source source, String name, String value, ValueScan scan) {
    if (source == Source.XML_DOCUMENT || source == Source.PATH) {
      return null;
    }
    if (name != null && name.indexOf('$') >= 0 && source != Source.HEADER) {
      Finding byName = inName(name);
      if (byName != null) {
        return byName;
      }
    }
    if (value == null || value.length() < 3
        || value.indexOf('$') < 0 && value.indexOf('%') < 0 && value.indexOf('\\') < 0) {
      return null;
    }
    String text = scan.decoded();
    int n = text.length();
    for (int i = text.indexOf('$'); i >= 0 && i < n; i = text.indexOf('$', i + 1)) {
      int end = i + 1;
      while (end < n && Ascii.isWordChar(text.charAt(end))) {
        end++;
      }
      String operator = OPERATORS.find(text, i, end);
      if (operator == null) {
        continue;
      }
      if ("$where".equals(operator) && looksLikeScript(text, end)) {
        return new Finding(Category.NOSQL_INJECTION, "nosqli.where", Evidence.of(value, text, i, n));
      }
      // an operator used as a key: {"$ne": ...}, {$gt: ...}, or a bracket name inside the value
      int before = i - 1;
      if (before >= 0 && (text.charAt(before) == '"' || text.charAt(before) == '\'')) {
        before--;
      }
      while (before >= 0 && text.charAt(before) == ' ') {
        before--;
      }
      int after = end;
      if (after < n && (text.charAt(after) == '"' || text.charAt(after) == '\'')) {
        after++;
      }
      while (after < n && text.charAt(after) == ' ') {
        after++;
      }
      boolean keyPosition = before >= 0 && (text.charAt(before) == '{' || text.charAt(before) == ',') && after < n
          && text.charAt(after) == ':';
      boolean bracket = before >= 0 && text.charAt(before) == '[' && after < n && text.charAt(after) == ']';
      if (keyPosition || bracket) {
        return new Finding(Category.NOSQL_INJECTION, "nosqli.operator",
            Evidence.of(value, text, Math.max(0, before), Math.min(n, after + 16)));
      }
    }
    return null;
  }

  /**
   * Exact: a name is only read for a {@code $}, a value only with {@code $ % \\}; without them
   * nothing is flagged.
   */
  @Override
  public long triggers() {
    return CharClasses.DOLLAR | CharClasses.PERCENT | CharClasses.BACKSLASH;
  }

  private static Finding inName(String name) {
    int n = name.length();
    for (int i = name.indexOf('$'); i >= 0; i = name.indexOf('$', i + 1)) {
      int end = i + 1;
      while (end < n && Ascii.isWordChar(name.charAt(end))) {
        end++;
      }
      if (OPERATORS.find(name, i, end) == null) {
        continue;
      }
      boolean whole = i == 0 && end == n;
      boolean bracketed = i > 0 && name.charAt(i - 1) == '[' && end < n && name.charAt(end) == ']';
      boolean dotted = i > 0 && name.charAt(i - 1) == '.';
      if (whole || bracketed || dotted) {
        return new Finding(Category.NOSQL_INJECTION, "nosqli.operator", name);
      }
    }
    return null;
  }

  /** Whether JavaScript follows a {@code $where}: a function, {@code this.}, a call, a comparison. */
  private static boolean looksLikeScript(String text, int from) {
    int window = Math.min(text.length(), from + 200);
    for (int k = from; k < window; k++) {
      char c = text.charAt(k);
      if (c == '(' || c == '=' || c == ';' || Ascii.regionIs(text, k, "this.") || Ascii.regionIs(text, k, "function")) {
        return true;
      }
    }
    return false;
  }
}
