package io.bulwark.policy.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.bulwark.policy.request.QueryString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The values of a request body the entry inspection has read already: JSON strings and numbers
 * ({@code json.$.user.email}, {@code json.$.items[0]}) and form fields ({@code form.NAME}). Stops
 * where the collector is full; a body that does not parse gives what was read up to there.
 */
final class BodyInputs {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final int MAX_TOKENS = 100_000;

  private BodyInputs() {}

  interface Sink {
    boolean full();

    void add(String location, String value);
  }

  static void collect(String contentType, byte[] body, Sink out) {
    if (body == null || body.length == 0 || contentType == null) {
      return;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    if (type.contains("json")) {
      json(body, out);
    } else if (type.startsWith("application/x-www-form-urlencoded")) {
      String text = new String(body, StandardCharsets.UTF_8);
      for (String pair : text.split("&", RequestInputs.MAX_INPUTS + 1)) {
        if (out.full()) {
          return;
        }
        int equals = pair.indexOf('=');
        if (equals > 0) {
          out.add("form." + QueryString.decode(pair, 0, equals), QueryString.decode(pair, equals + 1, pair.length()));
        }
      }
    }
  }

  private static void json(byte[] body, Sink out) {
    Deque<Object> path = new ArrayDeque<>(); // String: a field name to come; int[]: an array's next index
    try (JsonParser parser = JSON.createParser(body)) {
      String field = null;
      for (int n = 0; n < MAX_TOKENS && !out.full(); n++) {
        JsonToken token = parser.nextToken();
        if (token == null) {
          return;
        }
        switch (token) {
          case FIELD_NAME:
            field = parser.currentName();
            break;
          case START_OBJECT:
          case START_ARRAY:
            path.push(segment(path, field));
            field = null;
            if (token == JsonToken.START_ARRAY) {
              path.push(new int[] {0});
            }
            break;
          case END_ARRAY:
            path.pop();
            path.pop();
            break;
          case END_OBJECT:
            path.pop();
            break;
          case VALUE_STRING:
          case VALUE_NUMBER_INT:
          case VALUE_NUMBER_FLOAT:
            out.add(location(path, field), parser.getText());
            field = null;
            advance(path);
            break;
          default:
            field = null;
            advance(path);
        }
      }
    } catch (IOException | RuntimeException malformed) {
      // what was read so far stays
    }
  }

  /** The segment a value or container at the current position adds to its parent's location. */
  private static String segment(Deque<Object> path, String field) {
    Object top = path.peek();
    if (top instanceof int[]) {
      int index = ((int[]) top)[0]++;
      return "[" + index + "]";
    }
    return field == null ? "$" : "." + field;
  }

  private static void advance(Deque<Object> path) {
    Object top = path.peek();
    if (top instanceof int[]) {
      ((int[]) top)[0]++;
    }
  }

  private static String location(Deque<Object> path, String field) {
    StringBuilder location = new StringBuilder("json.");
    java.util.Iterator<Object> outerFirst = path.descendingIterator();
    while (outerFirst.hasNext()) {
      Object part = outerFirst.next();
      if (part instanceof String) {
        location.append((String) part);
      }
    }
    Object top = path.peek();
    if (top instanceof int[]) {
      location.append('[').append(((int[]) top)[0]).append(']');
    } else if (field != null) {
      location.append('.').append(field);
    }
    return location.toString();
  }
}
