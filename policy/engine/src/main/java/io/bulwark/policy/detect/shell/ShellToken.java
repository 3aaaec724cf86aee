package io.bulwark.policy.detect.shell;

/**
 * One token of shell text: its type, where it is ({@code [start, end)}) and, for words, the word
 * as the shell would pass it on (quotes and escapes removed, unset-looking expansions such as
 * {@code $u} or {@code ${x}} dropped) and whether it was obfuscated that way.
 */
public final class ShellToken {

  /** What a {@link ShellToken} is. */
  public enum Type {
    WORD,
    /** {@code ;} or a line break: the next word is a command. */
    SEPARATOR,
    /** {@code |}, {@code ||}, {@code &}, {@code &&}: the next word is a command. */
    CONTROL,
    /** {@code $(} or {@code $((}: a command substitution opens. */
    SUBSTITUTION_START,
    /** A backtick: a command substitution opens or closes. */
    BACKTICK,
    /** {@code > >> < << 2> &>}. */
    REDIRECT,
    LEFT_PAREN,
    RIGHT_PAREN,
    /** {@code $IFS}, {@code ${IFS}}: a field separator written as an expansion. */
    IFS
  }

  private final Type type;
  private final int start;
  private final int end;
  private final String word;
  private final boolean obfuscated;

  public ShellToken(Type type, int start, int end, String word, boolean obfuscated) {
    this.type = type;
    this.start = start;
    this.end = end;
    this.word = word;
    this.obfuscated = obfuscated;
  }

  public Type type() {
    return type;
  }

  public int start() {
    return start;
  }

  public int end() {
    return end;
  }

  /** For words, the word after quote and escape removal; otherwise {@code null}. */
  public String word() {
    return word;
  }

  /** Whether the word had quotes, escapes or empty expansions inside it ({@code w'h'o\am$@i}). */
  public boolean obfuscated() {
    return obfuscated;
  }

  @Override
  public String toString() {
    return type + (word == null ? "" : "(" + word + ")") + "[" + start + "," + end + ")";
  }
}
