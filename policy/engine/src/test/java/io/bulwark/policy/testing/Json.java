package io.bulwark.policy.testing;

import io.bulwark.policy.audit.JsonLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON lines back strictly ({@link JsonLine}: a duplicate key, for example an object opened
 * twice on one line, or trailing content fails the parse) and fails the test on anything else.
 */
public final class Json {

  private Json() {}

  /** One JSON object; numbers come back as Long (or Double), arrays as List. */
  public static Map<String, Object> object(String json) {
    Map<String, Object> value = JsonLine.parse(json);
    if (value == null) {
      throw new AssertionError("not exactly one JSON object (or a duplicate key): " + json);
    }
    return value;
  }

  /** The lines of a JSON-lines file, each parsed; empty when the file does not exist. */
  public static List<Map<String, Object>> lines(Path file) {
    List<Map<String, Object>> events = new ArrayList<>();
    for (String line : rawLines(file)) {
      events.add(object(line));
    }
    return events;
  }

  /** The lines of a file as text, without line terminators; empty when the file does not exist. */
  public static List<String> rawLines(Path file) {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (text.isEmpty()) {
        return List.of();
      }
      if (!text.endsWith("\n")) {
        throw new AssertionError("the last line of " + file + " is not terminated");
      }
      return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value at a dotted path such as {@code http.request.id}, or {@code null}. */
  public static Object at(Map<String, Object> object, String dottedPath) {
    return JsonLine.at(object, dottedPath);
  }
}
