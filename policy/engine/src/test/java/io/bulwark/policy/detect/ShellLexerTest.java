package io.bulwark.policy.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.detect.shell.ShellLexer;
import io.bulwark.policy.detect.shell.ShellToken;
import io.bulwark.policy.detect.shell.ShellToken.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellLexerTest {

  @Test
  void wordsSeparatorsSubstitutionsAndRedirects() {
    List<ShellToken> tokens = ShellLexer.tokenize("a; b | c && $(d) `e` > f", 100);
    assertEquals(
        List.of(Type.WORD, Type.SEPARATOR, Type.WORD, Type.CONTROL, Type.WORD, Type.CONTROL, Type.SUBSTITUTION_START,
            Type.WORD, Type.RIGHT_PAREN, Type.BACKTICK, Type.WORD, Type.BACKTICK, Type.REDIRECT, Type.WORD),
        tokens.stream().map(ShellToken::type).toList());
  }

  @Test
  void quotesEscapesAndEmptyExpansionsAreRemovedFromWords() {
    ShellToken word = ShellLexer.tokenize("w'h'o\\am$@i", 10).get(0);
    assertEquals("whoami", word.word());
    assertTrue(word.obfuscated());
    ShellToken caret = ShellLexer.tokenize("w^h^o^a^m^i", 10).get(0);
    assertEquals("whoami", caret.word());
    ShellToken plain = ShellLexer.tokenize("'hello world'", 10).get(0);
    assertEquals("hello world", plain.word());
    assertFalse(plain.obfuscated());
  }

  @Test
  void aTrailingBackslashEndsTheWordWithinTheValue() {
    // found by DetectorsFuzzTest: the escape stepped past the end, and the token with it
    for (String value : List.of("$\\", "a\\", "\\", "x^")) {
      for (ShellToken token : ShellLexer.tokenize(value, 10)) {
        assertTrue(token.end() <= value.length(), value + ": " + token.start() + ".." + token.end());
      }
    }
  }

  @Test
  void ifsSeparatesWords() {
    List<ShellToken> tokens = ShellLexer.tokenize("cat${IFS}/etc/passwd", 10);
    assertEquals(List.of(Type.WORD, Type.IFS, Type.WORD), tokens.stream().map(ShellToken::type).toList());
    assertEquals("/etc/passwd", tokens.get(2).word());
  }
}
