package io.bulwark.policy.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Form and query text decoded as servlet containers decode it. */
class FormFieldsTest {

  @Test
  void plusIsASpaceAndEscapesAreBytesOfTheCharset() {
    List<String[]> fields =
        FormFields.parse("q=O%27Brien+lamp&city=K%C3%B6ln&emoji=%F0%9F%94%92", StandardCharsets.UTF_8, 10);
    assertEquals("O'Brien lamp", fields.get(0)[1]);
    assertEquals("Köln", fields.get(1)[1]);
    assertEquals("\uD83D\uDD12", fields.get(2)[1]);
  }

  @Test
  void charactersBesideEscapesKeepTheirValueInEveryCharset() {
    assertEquals("Köln ü", FormFields.decode("Köln+%FC", 0, 8, StandardCharsets.ISO_8859_1));
    assertEquals("日本 語", FormFields.decode("日本+語", 0, 4, StandardCharsets.UTF_8));
    assertEquals("a b\uD83D\uDD12", FormFields.decode("a+b\uD83D\uDD12", 0, 5, StandardCharsets.UTF_8));
  }

  @Test
  void aMalformedEscapeIsKeptAsWritten() {
    assertEquals("100% sure %zz %4", FormFields.decode("100%+sure+%zz+%4", 0, 16, StandardCharsets.UTF_8));
  }
}
