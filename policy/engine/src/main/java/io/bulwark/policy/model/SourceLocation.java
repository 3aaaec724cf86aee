package io.bulwark.policy.model;

/** A place in a policy file, for error messages: file, 1-based line and column. */
public final class SourceLocation {

  public static final SourceLocation BUILT_IN = new SourceLocation("<built-in policy>", 0, 0);

  private final String file;
  private final int line;
  private final int column;

  public SourceLocation(String file, int line, int column) {
    this.file = file;
    this.line = line;
    this.column = column;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  @Override
  public String toString() {
    return line == 0 ? file : file + ":" + line + ":" + column;
  }
}
