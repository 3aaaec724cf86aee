package io.bulwark.policy.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.model.AuditSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AuditSettingsReaderTest {

  private static AuditSettings audit(String section) throws PolicyException {
    return PolicyLoader.parse("version: 1\naudit:\n" + section, "policy.yaml").audit();
  }

  private static List<String> problems(String section) {
    PolicyException e = assertThrows(PolicyException.class,
        () -> PolicyLoader.parse("version: 1\naudit:\n" + section, "policy.yaml"));
    return e.problems().stream().map(Problem::toString).collect(Collectors.toList());
  }

  @Test
  void everyKeyIsRead() throws PolicyException {
    AuditSettings settings = audit("""
          file: logs/audit.jsonl
          events: [allow, deny]
          maxFileSize: 50MB
          maxFiles: 4
          queueSize: 4096
          queueFullWait: 250ms
          redact: [ssn, X-Internal-Token]
          headers: [User-Agent, X-Forwarded-For]
          slf4j: true
        """);

    assertEquals(Path.of("logs/audit.jsonl"), settings.file());
    assertTrue(settings.records(AuditSettings.Outcome.ALLOW));
    assertFalse(settings.records(AuditSettings.Outcome.ERROR));
    assertEquals(50L * 1024 * 1024, settings.maxFileSize());
    assertEquals(4, settings.maxFiles());
    assertEquals(4096, settings.queueSize());
    assertEquals(Duration.ofMillis(250), settings.queueFullWait());
    assertEquals(List.of("ssn", "X-Internal-Token"), settings.redact());
    assertEquals(List.of("User-Agent", "X-Forwarded-For"), settings.headers());
    assertTrue(settings.slf4j());
  }

  @Test
  void defaultsApplyToKeysLeftOut() throws PolicyException {
    AuditSettings settings = audit("  file: a.jsonl\n");

    assertEquals(AuditSettings.DEFAULT_MAX_FILE_SIZE, settings.maxFileSize());
    assertEquals(10, settings.maxFiles());
    assertEquals(16_384, settings.queueSize());
    assertEquals(Duration.ofSeconds(5), settings.queueFullWait());
    assertEquals(List.of(), settings.redact());
    assertFalse(settings.slf4j());
  }

  @Test
  void sizesAndDurationsAcceptTheirUnits() throws PolicyException {
    assertEquals(0, audit("  maxFileSize: 0\n").maxFileSize());
    assertEquals(8192, audit("  maxFileSize: 8KB\n").maxFileSize());
    assertEquals(1L << 30, audit("  maxFileSize: 1gb\n").maxFileSize());
    assertEquals(Duration.ofMinutes(1), audit("  queueFullWait: 1m\n").queueFullWait());
    assertEquals(Duration.ZERO, audit("  queueFullWait: 0s\n").queueFullWait());
  }

  @Test
  void everyMistakeIsReportedWithLineAndColumn() {
    List<String> problems = problems("""
          maxFileSize: lots
          maxFiles: 0
          queueSize: 1
          queueFullWait: 5 hours
          redact: [ "has space" ]
          slf4j: yes please
          rotate: daily
        """);

    assertEquals(List.of(
        "policy.yaml:3:16: audit.maxFileSize: expected a size such as 100MB, 512KB or 1GB but found 'lots'",
        "policy.yaml:4:13: audit.maxFiles: expected a whole number from 1 to 100000 but found 0",
        "policy.yaml:5:14: audit.queueSize: expected a whole number from 16 to 1048576 but found 1",
        "policy.yaml:6:18: audit.queueFullWait: expected a duration from 0s to 10m such as 500ms or 5s but found '5 hours'",
        "policy.yaml:7:13: audit.redact: expected a header, parameter or field name (letters, digits, - _ .) but found 'has space'",
        "policy.yaml:8:10: audit.slf4j: expected true or false but found 'yes please'",
        "policy.yaml:9:3: audit: unknown key 'rotate'; expected one of: file, events, maxFileSize, maxFiles,"
            + " queueSize, queueFullWait, redact, headers, slf4j"), problems);
  }

  @Test
  void tinyRotationSizeIsRefused() {
    assertEquals(
        List.of("policy.yaml:3:16: audit.maxFileSize: expected 0 (never rotate) or at least 4KB but found '100'"),
        problems("  maxFileSize: 100\n"));
  }
}
