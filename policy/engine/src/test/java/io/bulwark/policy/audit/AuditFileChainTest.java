package io.bulwark.policy.audit;

import static io.bulwark.policy.testing.Json.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.audit.review.ChainVerifier;
import io.bulwark.policy.model.AuditSettings;
import io.bulwark.policy.testing.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's chain on disk: across restarts, rotation and retention, and around lost events. */
class AuditFileChainTest {

  @TempDir
  Path dir;

  private static AuditEvent event(String id) {
    return AuditEvent.of("deny").with(AuditField.HTTP_REQUEST_ID, id).with(AuditField.URL_PATH, "/x/" + id);
  }

  private static void write(AsyncAuditWriter writer, String prefix, int count) {
    for (int i = 1; i <= count; i++) {
      writer.record(event(prefix + i));
    }
  }

  private List<Path> auditFiles() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("audit.jsonl")).sorted()
          .collect(Collectors.toList());
    }
  }

  private static List<Map<String, Object>> lines(List<Path> files) {
    List<Map<String, Object>> all = new ArrayList<>();
    for (Path file : files) {
      all.addAll(Json.lines(file));
    }
    all.sort((a, b) -> Long.compare((Long) at(a, "bulwark.seq"), (Long) at(b, "bulwark.seq")));
    return all;
  }

  @Test
  void chainContinuesAcrossRestarts() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    AsyncAuditWriter first = new AsyncAuditWriter(file);
    write(first, "a", 3);
    first.close();
    AsyncAuditWriter second = new AsyncAuditWriter(file);
    write(second, "b", 2);
    second.close();

    List<Map<String, Object>> lines = Json.lines(file);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L),
        lines.stream().map(l -> at(l, "bulwark.seq")).collect(Collectors.toList()));
    assertEquals(AuditChain.GENESIS, at(lines.get(0), "bulwark.prev"));
    for (int i = 1; i < lines.size(); i++) {
      assertEquals(at(lines.get(i - 1), "bulwark.hash"), at(lines.get(i), "bulwark.prev"), "line " + (i + 1));
    }
    assertTrue(ChainVerifier.verify(List.of(file)).intact(), ChainVerifier.verify(List.of(file)).problems::toString);
  }

  @Test
  void lineCutShortByACrashIsClosedAndTheChainGoesOnFromTheLastWholeLine() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    AsyncAuditWriter first = new AsyncAuditWriter(file);
    write(first, "a", 2);
    first.close();
    Files.writeString(file, "{\"@timestamp\":\"2026-", java.nio.file.StandardOpenOption.APPEND);

    AsyncAuditWriter second = new AsyncAuditWriter(file);
    write(second, "b", 1);
    second.close();

    List<String> raw = Json.rawLines(file);
    assertEquals(4, raw.size());
    assertEquals("{\"@timestamp\":\"2026-", raw.get(2));
    assertEquals(3L, at(Json.object(raw.get(3)), "bulwark.seq"));
    ChainVerifier.Result result = ChainVerifier.verify(List.of(file));
    assertEquals(List.of(file + ":3: not an audit event (not one JSON object): edited, or cut short by a crash"),
        result.problems);
  }

  @Test
  void rotationBySizeKeepsTheChainAndRetentionDeletesTheOldestFiles() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    AuditSettings settings = AuditSettings.builder().file(file).maxFileSize(4096).maxFiles(3).build();
    AsyncAuditWriter writer = new AsyncAuditWriter(settings);
    write(writer, "r", 200); // ~400 bytes a line: dozens of rotations
    writer.close();

    List<Path> files = auditFiles();
    assertEquals(List.of("audit.jsonl"), files.stream().map(f -> f.getFileName().toString())
        .filter(n -> !n.matches("audit\\.jsonl\\.\\d{6}")).collect(Collectors.toList()));
    assertEquals(4, files.size(), "the current file and 3 rotated files: " + files);
    for (Path f : files) {
      assertTrue(Files.size(f) <= 4096, f + " is " + Files.size(f) + " bytes");
    }
    List<Map<String, Object>> kept = lines(files);
    assertEquals(200L, at(kept.get(kept.size() - 1), "bulwark.seq"));
    ChainVerifier.Result result = ChainVerifier.verify(files);
    assertTrue(result.intact(), result.problems::toString);
    assertEquals(1, result.notes.size(), "the chain starts after the deleted files: " + result.notes);
    assertEquals(200, writer.written());
  }

  @Test
  void restartAfterRotationContinuesFromTheNewestRotatedFile() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    AuditSettings settings = AuditSettings.builder().file(file).maxFileSize(4096).maxFiles(100).build();
    AsyncAuditWriter first = new AsyncAuditWriter(settings);
    write(first, "a", 30);
    first.close();
    Files.move(file, dir.resolve("audit.jsonl.999999")); // as if the current file had just been rotated

    AsyncAuditWriter second = new AsyncAuditWriter(settings);
    write(second, "b", 1);
    second.close();

    assertEquals(31L, at(Json.lines(file).get(0), "bulwark.seq"));
    ChainVerifier.Result result = ChainVerifier.verify(auditFiles());
    assertTrue(result.intact(), result.problems::toString);
    assertEquals(List.of(), result.notes);
  }

  @Test
  void unwritableFileLosesEventsVisiblyThenRecordsTheLossInTheChain() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    Files.createDirectory(file); // a directory where the file should be: every write fails
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    AsyncAuditWriter writer = new AsyncAuditWriter(file);
    try {
      write(writer, "lost", 3);
      awaitLost(writer, 3);
      Files.delete(file);
      write(writer, "kept", 1);
    } finally {
      writer.close();
      System.setErr(originalErr);
    }

    assertTrue(err.toString(StandardCharsets.UTF_8)
        .contains("event(s) could not be written so far (cannot write to " + file), err.toString());
    List<Map<String, Object>> lines = Json.lines(file);
    assertEquals(List.of("audit-loss", "deny"),
        lines.stream().map(l -> at(l, "event.action")).collect(Collectors.toList()));
    assertEquals(3L, at(lines.get(0), "bulwark.audit.lost"));
    assertEquals("audit.write-failed", at(lines.get(0), "event.reason"));
    assertTrue(((String) lines.get(0).get("message")).startsWith("3 audit event(s) could not be written since "));
    assertEquals(List.of(1L, 2L), lines.stream().map(l -> at(l, "bulwark.seq")).collect(Collectors.toList()));
    assertEquals(3, writer.lost());
    assertEquals(1, writer.written());
  }

  @Test
  void fullDiskLosesEventsWithoutThrowing() throws Exception {
    Path full = Path.of("/dev/full"); // every write fails with ENOSPC, as on a full disk
    AsyncAuditWriter writer = new AsyncAuditWriter(full);
    try {
      write(writer, "e", 5);
      awaitLost(writer, 5);
    } finally {
      writer.close();
    }
    assertEquals(0, writer.written());
  }

  @Test
  void queueThatStaysFullPastTheWaitLosesTheEventAndCountsIt() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    AuditSettings settings = AuditSettings.builder().file(file).queueSize(16).queueFullWait(Duration.ZERO).build();
    AsyncAuditWriter writer = new AsyncAuditWriter(settings);
    long recorded = 0;
    try {
      // With no wait allowed, a burst larger than the queue outruns the writer at some point.
      while (writer.lost() == 0 && recorded < 2_000_000) {
        writer.record(event("e" + recorded++));
      }
    } finally {
      writer.close();
    }
    assertTrue(writer.lost() > 0, "no loss after " + recorded + " events");
    assertEquals(recorded, writer.written() + writer.lost());
    List<Map<String, Object>> lines = Json.lines(file);
    assertTrue(lines.stream().anyMatch(l -> "audit.queue-full".equals(at(l, "event.reason"))),
        "the loss is recorded in the file");
    assertTrue(ChainVerifier.verify(List.of(file)).intact());
  }

  @Test
  void defaultSettingsWaitForRoomInsteadOfLosing() {
    assertFalse(AuditSettings.DEFAULT.queueFullWait().isZero());
  }

  private static void awaitLost(AsyncAuditWriter writer, long count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (writer.lost() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(count, writer.lost());
  }
}
