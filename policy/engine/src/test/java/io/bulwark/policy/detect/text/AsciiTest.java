package io.bulwark.policy.detect.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
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

  /** The String search (by String.indexOf of the first letter) answers as the character-by-character one does. */
  @Test
  void stringSearchAgreesWithTheCharSequenceSearch() {
    Random random = new Random(7);
    String alphabet = "aAbB.=(cC";
    String[] words = {"ab", "a.b", ".b=", "ba(", "c", "abc", "(c"};
    for (int round = 0; round < 50_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String word = words[random.nextInt(words.length)];
      int from = random.nextInt(14) - 2;
      assertEquals(Ascii.indexOf(text, word, from), Ascii.indexOf(text.toString(), word, from), text + " / " + word + " from " + from);
    }
  }
}
