package io.bulwark.policy.detect.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AsciiTest {

  @Test
  void findsTheFirstOccurrenceIgnoringAsciiCase() {
    assertEquals(9, Ascii.indexOf("x.Cookie.COOKIE", "cookie", 3));
    assertEquals(2, Ascii.indexOf("x.Cookie.COOKIE", "cookie", 0));
    assertEquals(-1, Ascii.indexOf("x.Cookie", "cookies", 0));
    assertEquals(-1, Ascii.indexOf("Éa", "éa", 0), "only ASCII letters fold");
    assertEquals(0, Ascii.indexOf(".innerHTML=", ".innerhtml=", -5));
  }
}
