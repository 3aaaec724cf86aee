package io.bulwark.policy.audit.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.audit.AsyncAuditWriter;
import io.bulwark.policy.audit.AuditEvent;
import io.bulwark.policy.audit.AuditField;
import io.bulwark.policy.model.AuditSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tampering with real lines written by the real writer, and what verify says about it. */
class ChainVerifierTest {

  @TempDir
  Path dir;

  private Path file;
  private List<String> lines;

  @BeforeEach
  void writeTenEvents() throws Exception {
    file = dir.resolve("audit.jsonl");
    AsyncAuditWriter writer = new AsyncAuditWriter(file);
    for (int i = 1; i <= 10; i++) {
      writer.record(AuditEvent.of(i % 3 == 0 ? "deny" : "allow").with(AuditField.HTTP_REQUEST_ID, "r" + i)
          .with(AuditField.URL_PATH, "/api/" + i).with(AuditField.CLIENT_IP, "203.0.113." + i));
    }
    writer.close();
    lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
  }

  private List<String> verify() throws Exception {
    Files.write(file, lines, StandardCharsets.ISO_8859_1);
    return ChainVerifier.verify(List.of(file)).problems;
  }

  @Test
  void untouchedFileIsIntact() throws Exception {
    ChainVerifier.Result result = ChainVerifier.verify(List.of(file));

    assertTrue(result.intact(), result.problems::toString);
    assertEquals(10, result.lines);
    assertEquals(1, result.firstSeq);
    assertEquals(10, result.lastSeq);
    assertEquals(List.of(), result.notes);
  }

  @Test
  void editedLineIsTheFirstProblem() throws Exception {
    lines.set(3, lines.get(3).replace("203.0.113.4", "198.51.100.7"));
    lines.set(6, lines.get(6).replace("/api/7", "/api/x"));

    assertEquals(List.of(file + ":4: edited: the line (seq 4) does not match its hash",
        file + ":7: edited: the line (seq 7) does not match its hash"), verify());
  }

  @Test
  void editedAndReHashedLineBreaksTheLinkOfTheNextLine() throws Exception {
    // An editor who recomputes the edited line's own hash is caught by the next line's prev.
    String edited = lines.get(4).replace("/api/5", "/api/6");
    String oldHash = edited.substring(edited.lastIndexOf("\"hash\":\"") + 8, edited.lastIndexOf("\"hash\":\"") + 72);
    String newHash = new io.bulwark.policy.audit.AuditChain().recompute(edited, oldHash);
    lines.set(4, edited.replace(oldHash, newHash));

    assertEquals(List.of(file + ":6: does not follow " + file + ":5: its prev is not that line's hash"
        + " (a line was replaced, or edited and re-hashed)"), verify());
  }

  @Test
  void removedLinesAreReportedWithTheMissingSequenceNumbers() throws Exception {
    lines.remove(5);
    lines.remove(5);

    assertEquals(List.of(file + ":6: 2 line(s) removed before this line (seq 6 to 7 missing)"), verify());
  }

  @Test
  void swappedLinesAreReportedAsReordered() throws Exception {
    Collections.swap(lines, 2, 3);

    assertEquals(List.of(file + ":3: 1 line(s) removed before this line (seq 3 missing)",
        file + ":4: out of order: seq 3 after seq 4 (it belongs before " + file + ":3: lines were reordered)"),
        verify());
  }

  @Test
  void garbageLineIsReported() throws Exception {
    lines.add(2, "hello");

    assertEquals(List.of(file + ":3: not an audit event (not one JSON object): edited, or cut short by a crash"),
        verify());
  }

  @Test
  void rotatedFilesAreCheckedInChainOrderWhateverOrderTheyAreGivenIn() throws Exception {
    Path rotating = dir.resolve("r.jsonl");
    AsyncAuditWriter writer = new AsyncAuditWriter(AuditSettings.builder().file(rotating).maxFileSize(4096).build());
    for (int i = 0; i < 80; i++) {
      writer.record(AuditEvent.of("deny").with(AuditField.URL_PATH, "/p/" + i));
    }
    writer.close();
    List<Path> files = new ArrayList<>();
    try (var listing = Files.list(dir)) {
      listing.filter(p -> p.getFileName().toString().startsWith("r.jsonl")).sorted().forEach(files::add);
    }
    assertTrue(files.size() > 3, files::toString);

    ChainVerifier.Result result = ChainVerifier.verify(files);
    assertTrue(result.intact(), result.problems::toString);
    assertEquals(80, result.lastSeq);

    files.remove(dir.resolve("r.jsonl.000002")); // a whole rotated file goes missing
    assertTrue(ChainVerifier.verify(files).problems.get(0).contains("line(s) removed before this line"));
  }
}
