package io.bulwark.policy.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PathCanonicalizerTest {

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      # raw path                        | canonical path
      ""                                 | /
      /                                  | /
      /api                               | /api
      /api/users/42                      | /api/users/42
      /Api/Users                         | /Api/Users
      /api/                              | /api
      /api//                             | /api
      //api                              | /api
      /api//users///42                   | /api/users/42
      /./api                             | /api
      /api/./users                       | /api/users
      /api/.                             | /api
      /a/../b                            | /b
      /a/b/..                            | /a
      /a/b/../../c                       | /c
      /a/..                              | /
      /a/...                             | /a/...
      /a/..b/.c                          | /a/..b/.c
      /admin;x=y                         | /admin
      /admin;x=y/users                   | /admin/users
      /api;jsessionid=ABC123/orders      | /api/orders
      /login;JSESSIONID=0F1E             | /login
      /;x=y/admin                        | /admin
      /a;x=%2f;y=%5c/b                   | /a/b
      /api/%2e%2e/admin                  | /admin
      /api/%2E%2E/admin                  | /admin
      /api/%2E/admin                     | /api/admin
      /api/.%2e/admin                    | /admin
      /%61dmin                           | /admin
      /%41PI                             | /API
      /a/%7e/%7E                         | /a/~/~
      /a%20b                             | /a b
      /caf%C3%A9                         | /café
      /caf%c3%a9                         | /café
      /café                              | /café
      /%E6%97%A5%E6%9C%AC/日本            | /日本/日本
      /emoji/%F0%9F%98%80                | /emoji/😀
      /emoji/😀%21                       | /emoji/😀!
      /files/a+b                         | /files/a+b
      """)
  void canonicalizesTo(String raw, String expected) {
    CanonicalPath path = PathCanonicalizer.canonicalize(raw);

    assertFalse(path.isRejected(), () -> "refused as " + path.rejection());
    assertNull(path.rejection());
    assertEquals(expected, path.path());
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' is refused: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      # raw path                        | rejection
      /..                                | ESCAPES_ROOT
      /../etc/passwd                     | ESCAPES_ROOT
      /a/../../b                         | ESCAPES_ROOT
      /%2e%2e/etc                        | ESCAPES_ROOT
      /a/%2E%2E/%2e%2e/b                 | ESCAPES_ROOT
      /..;/admin                         | AMBIGUOUS_DOT_SEGMENT
      /api/..;/admin                     | AMBIGUOUS_DOT_SEGMENT
      /api/..;x=y/admin                  | AMBIGUOUS_DOT_SEGMENT
      /.;/admin                          | AMBIGUOUS_DOT_SEGMENT
      /api/.;jsessionid=1/admin          | AMBIGUOUS_DOT_SEGMENT
      /api/%2e%2e;/admin                 | AMBIGUOUS_DOT_SEGMENT
      /api%2fadmin                       | ENCODED_SEPARATOR
      /api%2Fadmin                       | ENCODED_SEPARATOR
      /%2e%2e%2fadmin                    | ENCODED_SEPARATOR
      /api%5cadmin                       | ENCODED_SEPARATOR
      /api%5Cadmin                       | ENCODED_SEPARATOR
      /admin%3bx=y                       | ENCODED_SEPARATOR
      /admin%3B                          | ENCODED_SEPARATOR
      /a%25b                             | DOUBLE_ENCODING
      /%252e%252e/admin                  | DOUBLE_ENCODING
      /api%252fadmin                     | DOUBLE_ENCODING
      /a%00                              | CONTROL_CHARACTER
      /a%00.jsp                          | CONTROL_CHARACTER
      /a%0d%0aSet-Cookie:x=1             | CONTROL_CHARACTER
      /a%0A                              | CONTROL_CHARACTER
      /a%09b                             | CONTROL_CHARACTER
      /a%1b[31m                          | CONTROL_CHARACTER
      /a%7F                              | CONTROL_CHARACTER
      /a%E2%80%A8b                       | CONTROL_CHARACTER
      /a%e2%80%a9b                       | CONTROL_CHARACTER
      /a%C2%85b                          | CONTROL_CHARACTER
      /a%C2%9B                           | CONTROL_CHARACTER
      /a b                               | CONTROL_CHARACTER
      "/a/b "                            | CONTROL_CHARACTER
      /%c0%ae%c0%ae/etc                  | INVALID_UTF8
      /a%c0%afb                          | INVALID_UTF8
      /a%C0%AF                           | INVALID_UTF8
      /a%e0%80%ae                        | INVALID_UTF8
      /a%C3                              | INVALID_UTF8
      /a%C3/b                            | INVALID_UTF8
      /a%80                              | INVALID_UTF8
      /caf%e9                            | INVALID_UTF8
      /a%ED%A0%80                        | INVALID_UTF8
      /a%F4%90%80%80                     | INVALID_UTF8
      /a%FF                              | INVALID_UTF8
      /a%zz                              | BAD_PERCENT_ENCODING
      /a%g1                              | BAD_PERCENT_ENCODING
      /a%1g                              | BAD_PERCENT_ENCODING
      /a%4                               | BAD_PERCENT_ENCODING
      /a%4/b                             | BAD_PERCENT_ENCODING
      /a%                                | BAD_PERCENT_ENCODING
      /a%/b                              | BAD_PERCENT_ENCODING
      /a%%41                             | BAD_PERCENT_ENCODING
      /%４１dmin                          | BAD_PERCENT_ENCODING
      /%4１                               | BAD_PERCENT_ENCODING
      /%٤١                               | BAD_PERCENT_ENCODING
      /a\\b                              | BACKSLASH
      /api/..\\..\\etc                   | BACKSLASH
      /a;x=\\b                           | BACKSLASH
      api/users                          | NOT_ABSOLUTE
      *                                  | NOT_ABSOLUTE
      http://example.com/api             | NOT_ABSOLUTE
      ./api                              | NOT_ABSOLUTE
      """)
  void isRefused(String raw, Rejection expected) {
    CanonicalPath path = PathCanonicalizer.canonicalize(raw);

    assertTrue(path.isRejected(), () -> "accepted as " + path.path());
    assertEquals(expected, path.rejection());
  }

  /** Raw characters that cannot be written in a readable table: shown escaped in the test name. */
  static Stream<Arguments> invisibleCharacters() {
    return Stream.of(
        refused("/a\rb", Rejection.CONTROL_CHARACTER),
        refused("/a\nb", Rejection.CONTROL_CHARACTER),
        refused("/a\r\nSet-Cookie:x=1", Rejection.CONTROL_CHARACTER),
        refused("/a\tb", Rejection.CONTROL_CHARACTER),
        refused("/a\u0000.jsp", Rejection.CONTROL_CHARACTER),
        refused("/a\u001b[31m", Rejection.CONTROL_CHARACTER),
        refused("/a\u007fb", Rejection.CONTROL_CHARACTER),
        refused("/a\u0085b", Rejection.CONTROL_CHARACTER),
        refused("/a\u2028b", Rejection.CONTROL_CHARACTER),
        refused("/a\u2029b", Rejection.CONTROL_CHARACTER),
        refused("/a\u2028%41", Rejection.CONTROL_CHARACTER),
        refused("/a;x=\n/b", Rejection.CONTROL_CHARACTER),
        refused("/a;x=\u2028/b", Rejection.CONTROL_CHARACTER),
        refused("/a\uD800b", Rejection.INVALID_UTF8),
        refused("/a\uDC00", Rejection.INVALID_UTF8),
        refused("/a\uD800", Rejection.INVALID_UTF8),
        // A lone high surrogate must not swallow the '%' after it and smuggle an encoded '/' through.
        refused("/a\uD800%2fb", Rejection.INVALID_UTF8),
        refused("/a\uD800%2e%2e", Rejection.INVALID_UTF8));
  }

  private static Arguments refused(String raw, Rejection expected) {
    return arguments(named(escape(raw), raw), expected);
  }

  @ParameterizedTest(name = "[{index}] {0} is refused: {1}")
  @MethodSource("invisibleCharacters")
  void rawControlLineSeparatorAndLoneSurrogateCharactersAreRefused(String raw, Rejection expected) {
    assertEquals(expected, PathCanonicalizer.canonicalize(raw).rejection());
  }

  @Test
  void fullWidthDigitsInAPercentEscapeDoNotDecodeAsTheAsciiCharacter() {
    // '%４１' would be 'A' if Character.digit were used; it must never become '/admin'.
    CanonicalPath path = PathCanonicalizer.canonicalize("/%\uFF14\uFF11dmin");

    assertEquals(Rejection.BAD_PERCENT_ENCODING, path.rejection());
  }

  @Test
  void encodedSpaceDecodesToASpaceButARawSpaceIsRefused() {
    assertEquals(List.of("my files", "a b"), PathCanonicalizer.canonicalize("/my%20files/a%20b").segments());
    assertEquals(Rejection.CONTROL_CHARACTER, PathCanonicalizer.canonicalize("/my files").rejection());
  }

  @Test
  void rawNonAsciiAndItsPercentEncodedSpellingCanonicalizeAlike() {
    assertEquals(PathCanonicalizer.canonicalize("/caf\u00e9/\u65e5").path(),
        PathCanonicalizer.canonicalize("/caf%C3%A9/%E6%97%A5").path());
  }

  @Test
  void pathOfExactlyTheMaximumLengthIsAccepted() {
    String raw = "/" + "a".repeat(PathCanonicalizer.MAX_LENGTH - 1);

    assertEquals(8192, raw.length());
    assertEquals(raw, PathCanonicalizer.canonicalize(raw).path());
  }

  @Test
  void pathLongerThan8192CharactersIsRefused() {
    String raw = "/" + "a".repeat(8192);

    assertEquals(Rejection.TOO_LONG, PathCanonicalizer.canonicalize(raw).rejection());
  }

  @Test
  void veryLongPathOfManyDotSegmentsIsRefusedAsTooLongBeforeAnyDecoding() {
    String raw = "/..".repeat(10_000);

    assertEquals(Rejection.TOO_LONG, PathCanonicalizer.canonicalize(raw).rejection());
  }

  @Test
  void nullAndEmptyPathAreTheRoot() {
    assertEquals("/", PathCanonicalizer.canonicalize(null).path());
    assertEquals("/", PathCanonicalizer.canonicalize("").path());
    assertEquals(List.of(), PathCanonicalizer.canonicalize("/").segments());
  }

  @Test
  void segmentsAreDecodedWithParametersAndDotSegmentsRemoved() {
    CanonicalPath path = PathCanonicalizer.canonicalize("/api;v=1/./users/x/../%C3%A9l%C3%A8ve;jsessionid=9");

    assertEquals(List.of("api", "users", "\u00e9l\u00e8ve"), path.segments());
    assertEquals("/api/users/\u00e9l\u00e8ve", path.toString());
  }

  @Test
  void refusedPathHasNoSegmentsAndNamesItsReasonCode() {
    CanonicalPath path = PathCanonicalizer.canonicalize("/api/%2e%2e%2fadmin");

    assertEquals(List.of(), path.segments());
    assertEquals("rejected(path.encoded-separator)", path.toString());
  }

  @ParameterizedTest(name = "{0} is audited as {1}")
  @CsvSource(delimiter = '|', textBlock = """
      NOT_ABSOLUTE          | path.not-absolute
      TOO_LONG              | path.too-long
      CONTROL_CHARACTER     | path.control-character
      BACKSLASH             | path.backslash
      BAD_PERCENT_ENCODING  | path.bad-percent-encoding
      INVALID_UTF8          | path.invalid-utf8
      ENCODED_SEPARATOR     | path.encoded-separator
      DOUBLE_ENCODING       | path.double-encoding
      AMBIGUOUS_DOT_SEGMENT | path.ambiguous-dot-segment
      ESCAPES_ROOT          | path.escapes-root
      """)
  void rejectionReasonCodesAreStable(Rejection rejection, String code) {
    assertEquals(code, rejection.code());
  }

  private static String escape(String raw) {
    StringBuilder out = new StringBuilder();
    for (char c : raw.toCharArray()) {
      out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04X", (int) c));
    }
    return out.toString();
  }

  @Test
  void aReadingThatFailsRefusesThePathInsteadOfLettingItPastTheRules() {
    // Which rules apply depends on this reading: a path that broke it must not skip them all.
    CanonicalPath thrown = PathCanonicalizer.canonicalize("/api/admin", raw -> {
      throw new StringIndexOutOfBoundsException("a bug in the reading");
    });
    CanonicalPath overflowed = PathCanonicalizer.canonicalize("/api/admin", raw -> {
      throw new StackOverflowError();
    });

    assertTrue(thrown.isRejected());
    assertEquals(Rejection.UNREADABLE, thrown.rejection());
    assertEquals("path.unreadable", thrown.rejection().code());
    assertEquals(Rejection.UNREADABLE, overflowed.rejection());
  }
}
