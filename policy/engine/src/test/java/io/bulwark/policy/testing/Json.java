package io.bulwark.policy.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON back with jackson-core's streaming parser, strictly: a duplicate key (for example an
 * object opened twice on one line) or trailing content fails the parse.
 */
public final class Json {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private Json() {}

  /** One JSON object; numbers come back as Long (or Double), arrays as List. */
  public static Map<String, Object> object(String json) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new AssertionError("not a JSON object: " + json);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> value = (Map<String, Object>) read(parser);
      if (parser.nextToken() != null) {
        throw new AssertionError("content after the object: " + json);
      }
      return value;
    } catch (IOException e) {
      throw new AssertionError("not valid JSON (" + e.getMessage() + "): " + json, e);
    }
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
    Object current = object;
    for (String name : dottedPath.split("\\.")) {
      if (!(current instanceof Map)) {
        return null;
      }
      current = ((Map<?, ?>) current).get(name);
    }
    return current;
  }

  private static Object read(JsonParser parser) throws IOException {
    switch (parser.currentToken()) {
      case START_OBJECT:
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          object.put(name, read(parser));
        }
        return object;
      case START_ARRAY:
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(read(parser));
        }
        return array;
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected " + parser.currentToken());
    }
  }
}
