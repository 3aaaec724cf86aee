package io.bulwark.policy.audit;

import static io.bulwark.policy.testing.Json.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.testing.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AuditLineFormatTest {

  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");

  private final AuditLineFormat format = new AuditLineFormat();

  private String line(AuditEvent event) throws Exception {
    return new String(bytes(event), StandardCharsets.ISO_8859_1);
  }

  /** Formats the event as the writer does: as line 42 of a chain. */
  private byte[] bytes(AuditEvent event) throws Exception {
    event.link(42, AuditChain.GENESIS);
    return format.format(event);
  }

  private static AuditEvent denyEvent() {
    AuditEvent event = AuditEvent.of("deny")
        .with(AuditField.EVENT_REASON, "rule.deny")
        .with(AuditField.EVENT_RULE, "admin")
        .with(AuditField.EVENT_MODE, "enforce")
        .with(AuditField.HTTP_REQUEST_ID, "7f3c0000000000000000000000000001")
        .with(AuditField.HTTP_REQUEST_METHOD, "GET")
        .with(AuditField.HTTP_RESPONSE_STATUS, 403)
        .with(AuditField.URL_PATH, "/api/admin/stats")
        .with(AuditField.CLIENT_IP, "203.0.113.9")
        .with(AuditField.BULWARK_LATENCY_US, 17L)
        .with(AuditField.BULWARK_POLICY_SOURCE, "/etc/bulwark/policy.yaml")
        .with(AuditField.BULWARK_POLICY_SHA256, "c04d")
        .with(AuditField.BULWARK_VERSION, "0.1.0");
    return event;
  }

  @Test
  void lineIsOneJsonObjectWithDottedNamesNestedAsInTheDesign() throws Exception {
    String line = line(denyEvent());

    assertTrue(line.endsWith("\n"));
    Map<String, Object> json = Json.object(line.substring(0, line.length() - 1));
    assertEquals("deny", at(json, "event.action"));
    assertEquals("rule.deny", at(json, "event.reason"));
    assertEquals("admin", at(json, "event.rule"));
    assertEquals("enforce", at(json, "event.mode"));
    assertEquals("7f3c0000000000000000000000000001", at(json, "http.request.id"));
    assertEquals("GET", at(json, "http.request.method"));
    assertEquals(403L, at(json, "http.response.status_code"));
    assertEquals("/api/admin/stats", at(json, "url.path"));
    assertEquals("203.0.113.9", at(json, "client.ip"));
    assertEquals(42L, at(json, "bulwark.seq"));
    assertEquals(17L, at(json, "bulwark.latency_us"));
    assertEquals("/etc/bulwark/policy.yaml", at(json, "bulwark.policy.source"));
    assertEquals("c04d", at(json, "bulwark.policy.sha256"));
    assertEquals("0.1.0", at(json, "bulwark.version"));
    assertEquals(List.of("@timestamp", "event", "http", "url", "client", "bulwark"), List.copyOf(json.keySet()));
    assertEquals(List.of("request", "response"), List.copyOf(((Map<?, ?>) json.get("http")).keySet()));
  }

  @Test
  void timestampHasExactlySixFractionalDigitsAndZ() throws Exception {
    Instant before = Instant.now();
    Map<String, Object> json = Json.object(line(AuditEvent.of("allow")).trim());
    Instant after = Instant.now();

    String timestamp = (String) json.get("@timestamp");
    assertTrue(TIMESTAMP.matcher(timestamp).matches(), timestamp);
    Instant parsed = Instant.parse(timestamp);
    assertFalse(parsed.isBefore(before.minusNanos(1000)), timestamp + " before " + before);
    assertFalse(parsed.isAfter(after), timestamp + " after " + after);
  }

  @Test
  void timestampIsTheFirstFieldOfTheLine() throws Exception {
    assertTrue(line(denyEvent()).startsWith("{\"@timestamp\":\""));
  }

  @Test
  void controlAndNonAsciiCharactersAreEscapedSoEachEventIsExactlyOneAsciiLine() throws Exception {
    String hostile = "/a\r\nfake: line\u2028\u2029\u0085\u001b[31mred\u0000\u00e9\u65e5\uD83D\uDE00\t\"\\";
    AuditEvent event = AuditEvent.of("deny").with(AuditField.URL_PATH, hostile).with(AuditField.MESSAGE, hostile);

    byte[] bytes = bytes(event);

    for (int i = 0; i < bytes.length - 1; i++) {
      int b = bytes[i] & 0xff;
      assertTrue(b >= 0x20 && b < 0x7f, "byte " + i + " is 0x" + Integer.toHexString(b));
    }
    assertEquals('\n', bytes[bytes.length - 1]);
    String line = new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
    Map<String, Object> json = Json.object(line);
    assertEquals(hostile, at(json, "url.path"));
    assertEquals(hostile, json.get("message"));
  }

  @Test
  void deleteCharacterIsEscaped() throws Exception {
    byte[] bytes = bytes(AuditEvent.of("deny").with(AuditField.URL_PATH, "/a\u007fb"));

    String line = new String(bytes, StandardCharsets.US_ASCII);
    assertFalse(line.contains("\u007f"), line);
    assertEquals("/a\u007fb", at(Json.object(line.trim()), "url.path"));
  }

  @Test
  void longStringIsTruncatedAndMarked() throws Exception {
    String evidence = "x".repeat(10_000);

    Map<String, Object> json = Json.object(line(AuditEvent.of("deny").with(AuditField.MESSAGE, evidence)).trim());

    String written = (String) json.get("message");
    assertEquals("x".repeat(AuditLineFormat.MAX_STRING) + "...[truncated]", written);
  }

  @Test
  void stringOfExactlyTheMaximumLengthIsKept() throws Exception {
    String evidence = "y".repeat(AuditLineFormat.MAX_STRING);

    assertEquals(evidence, Json.object(line(AuditEvent.of("deny").with(AuditField.MESSAGE, evidence)).trim())
        .get("message"));
  }

  @Test
  void truncationDoesNotSplitASurrogatePair() throws Exception {
    String evidence = "a".repeat(AuditLineFormat.MAX_STRING - 1) + "\uD83D\uDE00" + "tail";

    String written = (String) Json.object(line(AuditEvent.of("deny").with(AuditField.MESSAGE, evidence)).trim())
        .get("message");

    assertTrue(written.endsWith("...[truncated]"), written);
    for (int i = 0; i < written.length(); i++) {
      char c = written.charAt(i);
      if (Character.isHighSurrogate(c)) {
        assertTrue(i + 1 < written.length() && Character.isLowSurrogate(written.charAt(++i)),
            "lone high surrogate at " + i);
      } else {
        assertFalse(Character.isLowSurrogate(c), "lone low surrogate at " + i);
      }
    }
  }

  @Test
  void fieldsLeftUnsetOrNullAreLeftOut() throws Exception {
    Map<String, Object> json = Json.object(line(AuditEvent.of("allow")
        .with(AuditField.EVENT_RULE, null)
        .with(AuditField.CLIENT_IP, "::1")).trim());

    assertEquals(List.of("@timestamp", "event", "client", "bulwark"), List.copyOf(json.keySet()));
    assertEquals(Map.of("action", "allow"), json.get("event"));
    assertNull(at(json, "event.rule"));
  }

  @Test
  void listValuesAreWrittenAsJsonArrays() throws Exception {
    Map<String, Object> json = Json.object(line(AuditEvent.of("deny")
        .with(AuditField.MESSAGE, List.of("admin", "ops\n", 3))).trim());

    assertEquals(List.of("admin", "ops\n", 3L), json.get("message"));
  }

  @Test
  void timestampSchemaAndChainCannotBeSetByTheCaller() {
    for (AuditField field : List.of(AuditField.TIMESTAMP, AuditField.BULWARK_SCHEMA_VERSION, AuditField.BULWARK_SEQ,
        AuditField.BULWARK_PREV, AuditField.BULWARK_HASH)) {
      assertThrows(IllegalArgumentException.class, () -> AuditEvent.of("deny").with(field, "x"), field.name());
    }
  }

  @Test
  void everyLineCarriesTheSchemaVersionAndItsPlaceInTheChain() throws Exception {
    Map<String, Object> json = Json.object(line(denyEvent()).trim());

    assertEquals((long) AuditChain.SCHEMA_VERSION, at(json, "bulwark.schema_version"));
    assertEquals(42L, at(json, "bulwark.seq"));
    assertEquals(AuditChain.GENESIS, at(json, "bulwark.prev"));
    assertTrue(AuditChain.isHash((String) at(json, "bulwark.hash")));
  }

  @Test
  void hashIsTheSha256OfTheLineWithItsHashLeftEmpty() throws Exception {
    String line = line(denyEvent()).trim();
    String hash = (String) at(Json.object(line), "bulwark.hash");

    assertTrue(line.endsWith("\"hash\":\"" + hash + "\"}}"), "the hash closes the line: " + line);
    String unsealed = line.replace(hash, "");
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    assertEquals(java.util.HexFormat.of().formatHex(sha.digest(unsealed.getBytes(StandardCharsets.US_ASCII))), hash);
    assertEquals(hash, new AuditChain().recompute(line, hash));
    assertEquals(hash, format.lastHash());
  }

  @Test
  void bulwarkFieldsComeLastAndTheChainClosesEveryLine() {
    AuditField[] fields = AuditField.values();
    boolean inBulwark = false;
    for (AuditField field : fields) {
      boolean bulwark = field.fieldName().startsWith("bulwark.");
      assertTrue(bulwark || !inBulwark, field + " comes after the bulwark. fields: the chain must close the line");
      inBulwark |= bulwark;
    }
    assertEquals(AuditField.BULWARK_HASH, fields[fields.length - 1]);
    assertEquals(AuditField.BULWARK_PREV, fields[fields.length - 2]);
  }

  @Test
  void secretsAreMaskedBeforeTheLineIsWritten() throws Exception {
    AuditLineFormat masking = new AuditLineFormat(Redactor.of(List.of("ssn")));
    AuditEvent event = AuditEvent.of("deny")
        .with(AuditField.HTTP_REQUEST_ID, "r1")
        .with(AuditField.HTTP_REQUEST_HEADERS, new java.util.LinkedHashMap<>(Map.of(
            "authorization", "Bearer abc.def.ghi", "cookie", "JSESSIONID=s3cr3t", "user-agent", "curl/8")))
        .with(AuditField.URL_QUERY, "name=bob&ssn=123-45-6789&access_token=tok123456")
        .with(AuditField.MESSAGE, "{\"user\":\"bob\",\"password\":\"hunter2\"}");
    event.link(1, AuditChain.GENESIS);

    String line = new String(masking.format(event), StandardCharsets.US_ASCII);

    for (String secret : List.of("abc.def.ghi", "s3cr3t", "123-45-6789", "tok123456", "hunter2")) {
      assertFalse(line.contains(secret), secret + " leaked: " + line);
    }
    Map<String, Object> json = Json.object(line.trim());
    assertEquals("[redacted]", at(json, "http.request.headers.authorization"));
    assertEquals("[redacted]", at(json, "http.request.headers.cookie"));
    assertEquals("curl/8", at(json, "http.request.headers.user-agent"));
    assertEquals("name=bob&ssn=[redacted]&access_token=[redacted]", at(json, "url.query"));
    assertEquals("{\"user\":\"bob\",\"password\":\"[redacted]\"}", json.get("message"));
    assertEquals("r1", at(json, "http.request.id"));
  }

  @Test
  void formatterIsReusableForManyEvents() throws Exception {
    String first = line(denyEvent());
    String second = line(AuditEvent.of("allow"));

    assertEquals(1, first.chars().filter(c -> c == '\n').count());
    assertEquals(1, second.chars().filter(c -> c == '\n').count());
    assertEquals("allow", at(Json.object(second.trim()), "event.action"));
  }

  @Test
  void numbersAreWrittenAsJsonNumbersAtEveryMagnitudeAndSign() throws Exception {
    for (long n : new long[] {0, 7, 10, 99, 100, 1234567890123L, -1, -10, -9876543210L,
        Long.MAX_VALUE, Long.MIN_VALUE}) {
      String line = line(AuditEvent.of("allow").with(AuditField.BULWARK_LATENCY_US, n));

      assertTrue(line.contains("\"latency_us\":" + n + ","), line);
      assertEquals(n, ((Number) at(Json.object(line.trim()), "bulwark.latency_us")).longValue());
    }
  }

  @Test
  void timestampIsTheEventsInstantToTheMicrosecond() throws Exception {
    for (String instant : new String[] {"2026-12-02T07:19:09.000000Z", "2026-12-02T07:19:09.000001Z",
        "2026-12-02T07:19:09.518863Z", "2026-12-02T07:19:10.999999Z", "1999-12-31T23:59:59.100000Z"}) {
      // below a microsecond: cut, not rounded
      AuditEvent event = AuditEvent.stampedAt("allow", Instant.parse(instant).plusNanos(999));

      assertEquals(instant, Json.object(line(event).trim()).get("@timestamp"));
    }
  }
}
