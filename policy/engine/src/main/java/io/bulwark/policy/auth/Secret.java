package io.bulwark.policy.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A secret the policy refers to rather than holds: {@code env:NAME} (an environment variable) or
 * {@code file:PATH} (a file's first line, e.g. a mounted Kubernetes secret), read when it is used so
 * a rotated file takes effect. Never printed: {@link #toString} names where it comes from.
 */
public final class Secret {

  private final String env;
  private final Path file;

  private Secret(String env, Path file) {
    this.env = env;
    this.file = file;
  }

  /** {@code env:NAME} or {@code file:PATH} (relative to {@code base}); {@code null} otherwise. */
  public static Secret parse(String text, Path base) {
    if (text.startsWith("env:") && text.length() > 4) {
      return new Secret(text.substring(4), null);
    }
    if (text.startsWith("file:") && text.length() > 5) {
      Path path = Path.of(text.substring(5));
      return new Secret(null, base == null || path.isAbsolute() ? path : base.resolve(path));
    }
    return null;
  }

  /** The secret's value now, or {@code null} when the variable is unset or the file unreadable. */
  public String value() {
    if (env != null) {
      String value = System.getenv(env);
      return value == null || value.isEmpty() ? null : value;
    }
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      int end = content.indexOf('\n');
      String line = (end < 0 ? content : content.substring(0, end)).trim();
      return line.isEmpty() ? null : line;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return env != null ? "env:" + env : "file:" + file;
  }
}
