package io.bulwark.policy.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Any raw query string: reading a parameter never throws and never returns null values; and a
 * parameter written the way browsers encode it reads back as the value that was encoded.
 */
class QueryStringFuzzTest {

  @FuzzTest
  void anyQueryString(FuzzedDataProvider data) {
    String name = data.consumeString(16);
    String value = data.consumeString(64);
    String raw = data.consumeRemainingAsString();
    for (String read : QueryString.values(raw, name)) {
      assertNotNull(read);
    }
    QueryString.decode(raw, 0, raw.length());
    if (wellFormed(name) && wellFormed(value) && !name.isEmpty()) {
      String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(value, StandardCharsets.UTF_8);
      String query = encoded + "&" + raw;
      List<String> values = QueryString.values(query, name);
      assertEquals(value, values.get(0), query);
    }
  }

  /** URLEncoder replaces unpaired surrogates: such strings cannot round-trip. */
  private static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
