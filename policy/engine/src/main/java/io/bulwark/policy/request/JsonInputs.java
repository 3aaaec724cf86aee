package io.bulwark.policy.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayDeque;
import io.bulwark.policy.detect.Source;

/**
 * Walks a JSON body with a streaming parser, showing every string value at its location ({@code
 * json.$.user.email}, {@code json.$.items[0]}) and every key as a name (NoSQL operators arrive as
 * keys: {@code {"password": {"$ne": ""}}}). Nesting deeper than the limit stops the walk and is
 * reported; memory is bounded by the depth, never by the document.
 */
public final class JsonInputs {

  /** What the walk found. */
  public enum Outcome { COMPLETE, STOPPED, TOO_DEEP, MALFORMED }

  /**
   * Lenient, and without Jackson's own size guards (the body is bounded by limits.maxJsonSize, the
   * nesting by limits.maxJsonDepth): whatever an application's parser accepts, leniently configured
   * (comments, single quotes, unquoted names, trailing commas, long keys or numbers), this walk must
   * read too, or an attacker would put the fault before the payload.
   */
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE)
          .maxNumberLength(Integer.MAX_VALUE).maxNameLength(Integer.MAX_VALUE).maxStringLength(Integer.MAX_VALUE)
          .build())
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS,
          JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
          JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_MISSING_VALUES,
          JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS,
          JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER,
          JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS,
          JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
      .build();
  /** Locations longer than this are cut (a deep document of long keys must not build long strings). */
  private static final int MAX_LOCATION = 512;

  private JsonInputs() {}

  public static Outcome walk(byte[] body, int length, int maxDepth, InputVisitor visitor) {
    // Frames: a key name for objects (null before the first key), or an Integer index for arrays.
    ArrayDeque<Object[]> path = new ArrayDeque<>();
    InputVisitor.Location where = () -> location(path);
    try (JsonParser parser = FACTORY.createParser(body, 0, length)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        switch (token) {
          case START_OBJECT:
          case START_ARRAY:
            advanceIndex(path);
            if (path.size() >= maxDepth) {
              return Outcome.TOO_DEEP;
            }
            path.push(new Object[] {token == JsonToken.START_ARRAY ? (Object) Integer.valueOf(-1) : null});
            break;
          case END_OBJECT:
          case END_ARRAY:
            path.pop();
            break;
          case FIELD_NAME: {
            String key = parser.currentName();
            path.peek()[0] = key;
            if (!visitor.visit(Source.JSON, where, key, key)) {
              return Outcome.STOPPED;
            }
            break;
          }
          case VALUE_STRING: {
            advanceIndex(path);
            Object[] top = path.peek();
            String name = top != null && top[0] instanceof String ? (String) top[0] : null;
            if (!visitor.visit(Source.JSON, where, name, parser.getText())) {
              return Outcome.STOPPED;
            }
            break;
          }
          default:
            advanceIndex(path);
        }
      }
      return Outcome.COMPLETE;
    } catch (IOException | RuntimeException e) {
      return Outcome.MALFORMED;
    }
  }

  /** A value inside an array moves the array's index on. */
  private static void advanceIndex(ArrayDeque<Object[]> path) {
    Object[] top = path.peek();
    if (top != null && top[0] instanceof Integer) {
      top[0] = (Integer) top[0] + 1;
    }
  }

  private static String location(ArrayDeque<Object[]> path) {
    StringBuilder location = new StringBuilder("json.$");
    java.util.Iterator<Object[]> frames = path.descendingIterator();
    while (frames.hasNext() && location.length() < MAX_LOCATION) {
      Object step = frames.next()[0];
      if (step instanceof Integer) {
        location.append('[').append(step).append(']');
      } else if (step != null) {
        location.append('.').append((String) step);
      }
    }
    return location.length() > MAX_LOCATION ? location.substring(0, MAX_LOCATION) : location.toString();
  }
}
