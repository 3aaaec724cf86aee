package io.bulwark.policy.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Any raw path, query and Cookie header, as the first sink check of a request reads them: reading
 * never throws, stays within its bounds, and a path segment percent-encoded the way clients encode
 * it reads back as the segment the application sees ({@code +} included).
 */
class RequestInputsFuzzTest {

  @FuzzTest
  void anyRequestLine(FuzzedDataProvider data) {
    String segment = data.consumeString(64);
    String query = data.consumeBoolean() ? data.consumeString(512) : null;
    String cookie = data.consumeBoolean() ? data.consumeString(256) : null;
    String path = data.consumeRemainingAsString();

    List<RequestInputs.Input> inputs =
        new RequestInputs(new RequestInputsTest.Request(path, query, null, cookie), "r", List.of(), true).all();
    assertTrue(inputs.size() <= RequestInputs.MAX_INPUTS, inputs::toString);
    int chars = 0;
    for (RequestInputs.Input input : inputs) {
      assertTrue(input.value().length() >= RequestInputs.MIN_LENGTH, input::toString);
      chars += input.value().length();
    }
    assertTrue(chars <= RequestInputs.MAX_TOTAL_CHARS);

    if (segment.length() >= RequestInputs.MIN_LENGTH && wellFormed(segment)) {
      List<RequestInputs.Input> encoded = new RequestInputs(
          new RequestInputsTest.Request("/" + encode(segment), null, null, null), "r", List.of(), true).all();
      assertEquals(List.of("path.1=" + segment), encoded.stream().map(Object::toString).toList());
    }
  }

  /** Every byte percent-encoded but RFC 3986's unreserved characters and the plus. */
  private static String encode(String segment) {
    StringBuilder out = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~+".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
      }
    }
    return out.toString();
  }

  /** Unpaired surrogates do not survive UTF-8: such strings cannot round-trip. */
  private static boolean wellFormed(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
  }
}
