package io.bulwark.policy.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedactorTest {

  private final Redactor redactor = Redactor.of(List.of("ssn", "X-Internal-Id"));

  @ParameterizedTest
  @ValueSource(strings = {"Authorization", "proxy-authorization", "Cookie", "Set-Cookie", "X-API-Key", "api_key",
      "apikey", "X-Auth-Token", "access_token", "refresh-token", "id_token", "password", "PASSWD", "client_secret",
      "JSESSIONID", "key", "ssn", "x-internal-id", "X_INTERNAL_ID"})
  void credentialAndConfiguredNamesAreSensitive(String name) {
    assertTrue(redactor.isSensitive(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"User-Agent", "name", "q", "id", "Accept", "x-forwarded-for", "monkey"})
  void ordinaryNamesAreNot(String name) {
    assertFalse(redactor.isSensitive(name), name);
  }

  @Test
  void sensitiveHeaderIsMaskedWhole() {
    assertEquals("[redacted]", redactor.header("Cookie", "a=1; b=2"));
    assertEquals("curl/8.0", redactor.header("User-Agent", "curl/8.0"));
  }

  static List<Arguments> textWithSecrets() {
    return List.of(
        Arguments.of("name=bob&password=hunter2&x=1", "name=bob&password=[redacted]&x=1"),
        Arguments.of("ssn=123-45-6789", "ssn=[redacted]"),
        Arguments.of("/api/reset;token=abcdef", "/api/reset;token=[redacted]"),
        Arguments.of("JSESSIONID=ABC123; theme=dark", "JSESSIONID=[redacted]; theme=dark"),
        Arguments.of("{\"user\":\"bob\",\"password\":\"hunter2\"}", "{\"user\":\"bob\",\"password\":\"[redacted]\"}"),
        Arguments.of("{\"pin\": 1234, \"secret\" : 987654}", "{\"pin\": 1234, \"secret\" : [redacted]}"),
        Arguments.of("{\"ssn\":\"12\\\"3\",\"n\":1}", "{\"ssn\":\"[redacted]\",\"n\":1}"),
        Arguments.of("Authorization: Bearer abcdefgh12345", "Authorization: Bearer [redacted]"),
        Arguments.of("Basic dXNlcjpwYXNzd29yZA==", "Basic [redacted]"),
        Arguments.of("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl end", "token [redacted] end"),
        Arguments.of("' or 1=1--", "' or 1=1--"),
        Arguments.of("basic authentication is weak", "basic authentication is weak"),
        Arguments.of("plain text", "plain text"));
  }

  @ParameterizedTest
  @MethodSource("textWithSecrets")
  void secretsInTextAreMasked(String input, String expected) {
    assertEquals(expected, redactor.text(input));
  }

  @Test
  void hostileInputWithNothingSecretComesBackUnchanged() {
    // Many quotes, equals signs and almost-JWTs: a single linear pass, no regular expression.
    String hostile = "\"a\"".repeat(50_000) + "=".repeat(50_000) + "eyJ. ".repeat(50_000) + "\"" + "a".repeat(100_000);

    assertEquals(hostile, redactor.text(hostile));
  }
}
