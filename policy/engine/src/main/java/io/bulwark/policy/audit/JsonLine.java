package io.bulwark.policy.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one audit line back into maps, lists, strings, longs and doubles, strictly: a duplicate key
 * or content after the object is an error. For the writer (where the chain left off) and the review
 * tools (verify, summary, report).
 */
public final class JsonLine {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
      .build();

  private JsonLine() {}

  /** The line's object, or {@code null} when it is not exactly one JSON object. */
  public static Map<String, Object> parse(String line) {
    try (JsonParser parser = FACTORY.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> value = (Map<String, Object>) read(parser);
      return parser.nextToken() == null ? value : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The value at a dotted path ({@code bulwark.seq}), or {@code null}. */
  public static Object at(Map<String, Object> object, String path) {
    Object current = object;
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map)) {
        return null;
      }
      current = ((Map<?, ?>) current).get(part);
    }
    return current;
  }

  /** The string at a dotted path, or {@code null} when absent or not a string. */
  public static String text(Map<String, Object> object, String path) {
    Object value = at(object, path);
    return value instanceof String ? (String) value : null;
  }

  /** The whole number at a dotted path, or {@code null}. */
  public static Long number(Map<String, Object> object, String path) {
    Object value = at(object, path);
    return value instanceof Long ? (Long) value : null;
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
