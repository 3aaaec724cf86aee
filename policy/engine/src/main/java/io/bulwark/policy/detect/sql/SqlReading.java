package io.bulwark.policy.detect.sql;

import static io.bulwark.policy.detect.sql.SqlTokenType.BAREWORD;
import static io.bulwark.policy.detect.sql.SqlTokenType.COMMENT;
import static io.bulwark.policy.detect.sql.SqlTokenType.DOT;
import static io.bulwark.policy.detect.sql.SqlTokenType.FUNCTION;
import static io.bulwark.policy.detect.sql.SqlTokenType.KEYWORD;
import static io.bulwark.policy.detect.sql.SqlTokenType.LEFT_PAREN;
import static io.bulwark.policy.detect.sql.SqlTokenType.NUMBER;
import static io.bulwark.policy.detect.sql.SqlTokenType.OPERATOR;
import static io.bulwark.policy.detect.sql.SqlTokenType.RIGHT_PAREN;

import java.util.List;

/**
 * A value lexed as SQL in one context (as-is, or after a quote it would close), and the questions
 * every judge of {@link SqlInjectionDetector} asks of its tokens: what type the token at an index
 * has, whether it is a word, an operand or a comparison, where an operand ends. Each judge extends
 * it, so its checks read in the same terms; a reading is made once per context and shared.
 */
class SqlReading {
  final String text;
  final List<SqlToken> raw;
  final List<SqlToken> t;
  final boolean quoteBreak;
  final boolean numericStart;
  final boolean trailingComment;
  final boolean inlineComment;
  final int first; // index of the first token after the closed literal (quote contexts)

  SqlReading(String text, List<SqlToken> raw, List<SqlToken> t, boolean quoteBreak) {
    this.text = text;
    this.raw = raw;
    this.t = t;
    this.quoteBreak = quoteBreak;
    this.first = quoteBreak ? 1 : 0;
    this.trailingComment = raw.get(raw.size() - 1).type() == COMMENT;
    boolean inline = false;
    for (int k = 1; k + 1 < raw.size(); k++) {
      inline |= raw.get(k).type() == COMMENT;
    }
    this.inlineComment = inline;
    this.numericStart = !quoteBreak && startsNumeric();
  }

  /** The same reading, for a judge that asks its own questions of it. */
  SqlReading(SqlReading reading) {
    this.text = reading.text;
    this.raw = reading.raw;
    this.t = reading.t;
    this.quoteBreak = reading.quoteBreak;
    this.numericStart = reading.numericStart;
    this.trailingComment = reading.trailingComment;
    this.inlineComment = reading.inlineComment;
    this.first = reading.first;
  }

  private boolean startsNumeric() {
    if (t.isEmpty()) {
      return false;
    }
    SqlToken a = t.get(0);
    if (a.type() == NUMBER || a.type() == RIGHT_PAREN) {
      return true;
    }
    if (a.type() == OPERATOR && t.size() > 1 && t.get(1).type() == NUMBER) {
      char c = text.charAt(a.start());
      return (c == '-' || c == '+') && a.end() - a.start() == 1;
    }
    if (a.type() == LEFT_PAREN && t.size() > 1 && (t.get(1).type() == NUMBER || t.get(1).type() == OPERATOR)) {
      return true;
    }
    return false;
  }

  SqlTokenType type(int i) {
    return i >= 0 && i < t.size() ? t.get(i).type() : null;
  }

  boolean isWord(int i, String word) {
    return i >= 0 && i < t.size() && word.equals(t.get(i).word());
  }

  boolean isCompare(int i) {
    if (i < 0 || i >= t.size()) {
      return false;
    }
    SqlToken k = t.get(i);
    if (k.type() == OPERATOR && "=".equals(k.word())) {
      return true;
    }
    if (k.type() == KEYWORD) {
      String w = k.word();
      return "like".equals(w) || "rlike".equals(w) || "regexp".equals(w) || "between".equals(w) || "is".equals(w)
          || "in".equals(w) || "sounds".equals(w);
    }
    if (k.type() == FUNCTION && ("in".equals(k.word()) || "rlike".equals(k.word()))) {
      return true;
    }
    return false;
  }

  boolean isOperand(int i) {
    SqlTokenType ty = type(i);
    if (ty == null) {
      return false;
    }
    switch (ty) {
      case NUMBER:
      case STRING:
      case BAREWORD:
      case VARIABLE:
      case FUNCTION:
      case LEFT_PAREN:
        return true;
      case KEYWORD:
        String w = t.get(i).word();
        return "true".equals(w) || "false".equals(w) || "null".equals(w) || "select".equals(w) || "case".equals(w)
            || "char".equals(w) || "user".equals(w);
      case OPERATOR:
        char c = text.charAt(t.get(i).start());
        return (c == '-' || c == '+' || c == '~') && isOperand(i + 1);
      default:
        return false;
    }
  }

  /** The index after the operand at {@code i} (a call or parenthesis skipped to its close, bounded). */
  int afterOperand(int i) {
    SqlTokenType ty = type(i);
    if (ty == OPERATOR) {
      return afterOperand(i + 1);
    }
    int j = i + 1;
    if (ty == FUNCTION || ty == LEFT_PAREN) {
      if (ty == FUNCTION) {
        j = i + 1; // at '('
      } else {
        j = i;
      }
      int depth = 0;
      for (int k = j; k < t.size() && k < j + 256; k++) {
        if (t.get(k).type() == LEFT_PAREN) {
          depth++;
        } else if (t.get(k).type() == RIGHT_PAREN) {
          depth--;
          if (depth == 0) {
            return k + 1;
          }
        }
      }
      return t.size();
    }
    // qualified names: a.b.c
    while (ty == BAREWORD && type(j) == DOT && type(j + 1) == BAREWORD) {
      j += 2;
    }
    return j;
  }

  SqlVerdict at(String reason, int from) {
    int s = t.get(Math.min(from, t.size() - 1)).start();
    if (quoteBreak && from <= 1) {
      s = Math.max(0, t.get(0).end() - 1);
    }
    return new SqlVerdict(reason, s, text.length());
  }

  boolean hasFrom(int from) {
    for (int k = from; k < t.size() && k < from + 64; k++) {
      if (isWord(k, "from")) {
        return k + 1 < t.size();
      }
    }
    return false;
  }

  int unquotedStart(SqlToken k) {
    char c = text.charAt(k.start());
    return c == '`' || c == '"' || c == '[' ? k.start() + 1 : k.start();
  }

  int unquotedEnd(SqlToken k) {
    char c = text.charAt(k.end() - 1);
    return k.end() - k.start() > 1 && (c == '`' || c == '"' || c == ']') ? k.end() - 1 : k.end();
  }
}
