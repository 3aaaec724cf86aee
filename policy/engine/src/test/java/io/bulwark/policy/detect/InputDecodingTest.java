package io.bulwark.policy.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.bulwark.policy.detect.decode.InputDecoding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class InputDecodingTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "%27%20or%201%3D1|' or 1=1",
        "%2527|'",
        "%252527|'",
        "%u0027|'",
        "\\u0027|'",
        "\\x27|'",
        "\\u{3c}|<",
        "&lt;script&gt;|<script>",
        "&LT;script&GT;|<script>",
        "&lt;script|<script",
        "&#60;|<",
        "&#060|<",
        "&#x3c;|<",
        "&#X3C|<",
        "&#0000000060;|<",
        "&amp;lt;|<",
        "&colon;&lpar;&rpar;|:()",
        "&Tab;|~\t~",
        "%c0%ae%c0%ae%c0%af|../",
        "%e0%80%ae|.",
        "%c1%9c|\\",
        "%C3%A9|é",
        "%E9|é",
        "a+b%20c|a b c",
        "%2B|+",
        "ｓｅｌｅｃｔ|select",
        "＜script＞|<script>",
        "\\/|/",
      })
  void decodes(String encoded, String decoded) {
    assertEquals(decoded, InputDecoding.decode(encoded));
  }

  @Test
  void plainValuesAreReturnedAsTheSameInstance() {
    String plain = "john.doe@example.com";
    assertSame(plain, InputDecoding.decode(plain));
    String prose = "it's 5 o'clock + AT&T";
    assertEquals("it's 5 o'clock + AT&T", InputDecoding.decode(prose));
  }

  @Test
  void decodingStopsAfterThreeRounds() {
    // four levels of %25: three rounds leave one level encoded
    assertEquals("%27", InputDecoding.decode("%25252527"));
  }

  @Test
  void brokenEscapesStayAsTheyAre() {
    assertEquals("100% sure %zz %", InputDecoding.decode("100% sure %zz %"));
    assertEquals("\\u12 \\x", InputDecoding.decode("\\u12 \\x"));
    assertEquals("&unknown; & &#;", InputDecoding.decode("&unknown; & &#;"));
  }

  @Test
  void caseFoldingIsLocaleIndependent() {
    assertEquals("title i", InputDecoding.lowerAscii("TITLE I"));
  }
}
