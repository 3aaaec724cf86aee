package io.bulwark.policy.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

/**
 * JSON written as plain ASCII: every non-ASCII and control character (DEL included, which JSON
 * itself leaves alone) is {@code \\u}-escaped, plus any characters the caller names (the HTML
 * report adds {@code < > &} so its data can sit inside a script element).
 */
public final class AsciiJson {

  private AsciiJson() {}

  public static JsonFactory factory(char... alsoEscape) {
    return new JsonFactoryBuilder()
        .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
        .characterEscapes(new Escapes(alsoEscape))
        .build();
  }

  private static final class Escapes extends CharacterEscapes {

    private static final long serialVersionUID = 1L;

    private final int[] ascii = standardAsciiEscapesForJSON();

    Escapes(char... alsoEscape) {
      ascii[0x7f] = ESCAPE_STANDARD;
      for (char c : alsoEscape) {
        ascii[c] = ESCAPE_STANDARD;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }
}
