package io.bulwark.policy.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
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
    Path path = new Path();
    InputVisitor.Location where = path::location;
    try (JsonParser parser = FACTORY.createParser(body, 0, length)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        switch (token) {
          case START_OBJECT:
          case START_ARRAY:
            path.advanceIndex();
            if (path.depth >= maxDepth) {
              return Outcome.TOO_DEEP;
            }
            path.push(token == JsonToken.START_ARRAY);
            break;
          case END_OBJECT:
          case END_ARRAY:
            path.pop();
            break;
          case FIELD_NAME: {
            String key = parser.currentName();
            path.key(key);
            if (!visitor.visit(Source.JSON, where, key, key)) {
              return Outcome.STOPPED;
            }
            break;
          }
          case VALUE_STRING: {
            path.advanceIndex();
            if (!visitor.visit(Source.JSON, where, path.currentKey(), parser.getText())) {
              return Outcome.STOPPED;
            }
            break;
          }
          default:
            path.advanceIndex();
        }
      }
      return Outcome.COMPLETE;
    } catch (IOException | RuntimeException e) {
      return Outcome.MALFORMED;
    }
  }

  /**
   * Where the walk is: per open object its current key (null before the first), per open array
   * its current index (-1 before the first element). Plain arrays, grown with the depth (bounded by
   * the walk's limit): no frame object and no boxed index per value.
   */
  private static final class Path {
    String[] keys = new String[8];
    int[] indexes = new int[8];
    boolean[] arrays = new boolean[8];
    int depth;

    void push(boolean array) {
      if (depth == keys.length) {
        keys = java.util.Arrays.copyOf(keys, depth * 2);
        indexes = java.util.Arrays.copyOf(indexes, depth * 2);
        arrays = java.util.Arrays.copyOf(arrays, depth * 2);
      }
      keys[depth] = null;
      indexes[depth] = -1;
      arrays[depth] = array;
      depth++;
    }

    void pop() {
      if (depth > 0) {
        depth--;
      }
    }

    /** A value inside an array moves the array's index on. */
    void advanceIndex() {
      if (depth > 0 && arrays[depth - 1]) {
        indexes[depth - 1]++;
      }
    }

    void key(String key) {
      if (depth > 0 && !arrays[depth - 1]) {
        keys[depth - 1] = key;
      }
    }

    /** The key of the innermost object when the walk is directly in it, else null (inside an array). */
    String currentKey() {
      return depth > 0 && !arrays[depth - 1] ? keys[depth - 1] : null;
    }

    String location() {
      StringBuilder location = new StringBuilder("json.$");
      for (int i = 0; i < depth && location.length() < MAX_LOCATION; i++) {
        if (arrays[i]) {
          location.append('[').append(indexes[i]).append(']');
        } else if (keys[i] != null) {
          location.append('.').append(keys[i]);
        }
      }
      return location.length() > MAX_LOCATION ? location.substring(0, MAX_LOCATION) : location.toString();
    }
  }
}
