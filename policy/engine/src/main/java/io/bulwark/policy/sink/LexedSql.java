package io.bulwark.policy.sink;

import io.bulwark.policy.detect.sql.SqlDialect;
import io.bulwark.policy.detect.sql.SqlLexer;
import io.bulwark.policy.detect.sql.SqlTokenType;
import java.util.Arrays;

/**
 * The tokens {@link SqlLexer} reads from one SQL statement, kept as offsets so that each occurrence
 * of an input is placed among them by a binary search. The statement is read once, through the
 * lexer's cursor (no token objects), however many inputs occur in it.
 */
final class LexedSql {

  /** The statement is cut to this many tokens; a longer one is checked up to there. */
  static final int MAX_TOKENS = 4096;

  private static final SqlTokenType[] TYPES = SqlTokenType.values();

  private int[] starts = new int[32];
  private int[] ends = new int[32];
  private byte[] types = new byte[32];
  private int count;

  static LexedSql of(String sql, SqlDialect dialect) {
    LexedSql lexed = new LexedSql();
    SqlLexer lexer = SqlLexer.structural(dialect, sql);
    while (lexed.count < MAX_TOKENS && lexer.next()) {
      lexed.add(lexer.start(), lexer.end(), lexer.type());
    }
    return lexed;
  }

  int count() {
    return count;
  }

  int start(int i) {
    return starts[i];
  }

  int end(int i) {
    return ends[i];
  }

  SqlTokenType type(int i) {
    return TYPES[types[i]];
  }

  /** The index of the first token that ends after {@code offset}, or {@link #count()}. */
  int firstEndingAfter(int offset) {
    int low = 0;
    int high = count;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (ends[mid] <= offset) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private void add(int start, int end, SqlTokenType type) {
    if (count == starts.length) {
      int size = count * 2;
      starts = Arrays.copyOf(starts, size);
      ends = Arrays.copyOf(ends, size);
      types = Arrays.copyOf(types, size);
    }
    starts[count] = start;
    ends[count] = end;
    types[count] = (byte) type.ordinal();
    count++;
  }
}
