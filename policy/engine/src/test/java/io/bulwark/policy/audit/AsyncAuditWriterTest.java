package io.bulwark.policy.audit;

import static io.bulwark.policy.testing.Json.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bulwark.policy.testing.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncAuditWriterTest {

  @TempDir
  Path dir;

  private static AuditEvent event(String id) {
    return AuditEvent.of("deny").with(AuditField.HTTP_REQUEST_ID, id).with(AuditField.URL_PATH, "/x");
  }

  private static List<Long> sequences(List<Map<String, Object>> lines) {
    return lines.stream().map(line -> (Long) at(line, "bulwark.seq")).collect(Collectors.toList());
  }

  /** Waits for a condition the writer thread makes true; a hang guard, not a timing assertion. */
  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }

  @Test
  void eventsAreWrittenInOrderWithSequenceNumbersFromOne() {
    Path file = dir.resolve("audit.jsonl");
    AsyncAuditWriter writer = new AsyncAuditWriter(file);
    for (int i = 1; i <= 5; i++) {
      writer.record(event("r" + i));
    }
    writer.close();

    List<Map<String, Object>> lines = Json.lines(file);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), sequences(lines));
    assertEquals(List.of("r1", "r2", "r3", "r4", "r5"),
        lines.stream().map(line -> at(line, "http.request.id")).collect(Collectors.toList()));
    assertEquals(5, writer.written());
    assertEquals(0, writer.lost());
  }

  @Test
  void eventsReachTheFileWithoutClosingTheWriter() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    AsyncAuditWriter writer = new AsyncAuditWriter(file);
    try {
      writer.record(event("r1"));

      await("the event is in the file", () -> Json.rawLines(file).size() == 1);
      assertEquals("r1", at(Json.lines(file).get(0), "http.request.id"));
    } finally {
      writer.close();
    }
  }

  @Test
  void manyThreadsWithASmallQueueLoseNothing() throws Exception {
    int threads = 8;
    int perThread = 500;
    Path file = dir.resolve("audit.jsonl");
    AsyncAuditWriter writer = new AsyncAuditWriter(file, 8);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perThread; i++) {
          writer.record(event(thread + "-" + i));
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> future : done) {
      future.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    writer.close();

    List<Map<String, Object>> lines = Json.lines(file);
    assertEquals(threads * perThread, lines.size());
    Set<Long> seqs = new HashSet<>(sequences(lines));
    assertEquals(threads * perThread, seqs.size(), "sequence numbers are unique");
    assertEquals(1L, seqs.stream().mapToLong(Long::longValue).min().getAsLong());
    assertEquals(threads * perThread, seqs.stream().mapToLong(Long::longValue).max().getAsLong());
    assertEquals(sequences(lines).stream().sorted().collect(Collectors.toList()), sequences(lines),
        "lines are in sequence order");
    Set<Object> ids = lines.stream().map(line -> at(line, "http.request.id")).collect(Collectors.toSet());
    assertEquals(threads * perThread, ids.size(), "every recorded event is in the file once");
    assertEquals(threads * perThread, writer.written());
    assertEquals(0, writer.lost());
  }

  @Test
  void eventsRecordedWhileClosingAreStillWritten() throws Exception {
    for (int round = 0; round < 20; round++) {
      Path file = dir.resolve("audit-" + round + ".jsonl");
      AsyncAuditWriter writer = new AsyncAuditWriter(file, 4);
      int threads = 4;
      int perThread = 200;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            writer.record(event("e"));
          }
          return null;
        }));
      }
      start.countDown();
      writer.close();
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertEquals(threads * perThread, Json.rawLines(file).size(), "round " + round);
      assertEquals(threads * perThread, writer.written());
    }
  }

  @Test
  void eventsRecordedAfterCloseAreWrittenAtOnce() {
    Path file = dir.resolve("audit.jsonl");
    AsyncAuditWriter writer = new AsyncAuditWriter(file);
    writer.record(event("before"));
    writer.close();

    writer.record(event("after-1"));
    writer.record(event("after-2"));

    List<Map<String, Object>> lines = Json.lines(file);
    assertEquals(List.of("before", "after-1", "after-2"),
        lines.stream().map(line -> at(line, "http.request.id")).collect(Collectors.toList()));
    assertEquals(List.of(1L, 2L, 3L), sequences(lines));
    assertEquals(3, writer.written());
  }

  @Test
  void missingParentDirectoriesAreCreated() {
    Path file = dir.resolve("logs/bulwark/audit.jsonl");
    AsyncAuditWriter writer = new AsyncAuditWriter(file);
    writer.record(event("r1"));
    writer.close();

    assertEquals(1, Json.lines(file).size());
  }

  @Test
  void existingAuditFileIsAppendedTo() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    Files.writeString(file, "{\"earlier\":true}\n", StandardCharsets.UTF_8);
    AsyncAuditWriter writer = new AsyncAuditWriter(file);
    writer.record(event("r1"));
    writer.close();

    List<String> lines = Json.rawLines(file);
    assertEquals(2, lines.size());
    assertEquals("{\"earlier\":true}", lines.get(0));
    assertEquals("r1", at(Json.object(lines.get(1)), "http.request.id"));
  }

  @Test
  void unwritableFileCountsLostEventsWithoutThrowingAndWritingResumesWhenItBecomesWritable() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    Files.createDirectory(file); // a directory where the file should be: every write fails
    AsyncAuditWriter writer = new AsyncAuditWriter(file, 8);
    try {
      for (int i = 1; i <= 3; i++) {
        writer.record(event("lost-" + i));
      }
      await("three events are counted lost", () -> writer.lost() == 3);
      assertEquals(0, writer.written());

      Files.delete(file);
      writer.record(event("kept-1"));
      writer.record(event("kept-2"));
    } finally {
      writer.close();
    }

    List<Map<String, Object>> lines = Json.lines(file);
    assertEquals("audit-loss", at(lines.get(0), "event.action"), "the loss itself is recorded first");
    lines = lines.subList(1, lines.size());
    assertEquals(List.of("kept-1", "kept-2"),
        lines.stream().map(line -> at(line, "http.request.id")).collect(Collectors.toList()));
    assertEquals(List.of(2L, 3L), sequences(lines));
    assertEquals(2, writer.written());
    assertEquals(3, writer.lost());
  }

  @Test
  void unwritableFileAfterCloseCountsLostEventsWithoutThrowing() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    Files.createDirectory(file);
    AsyncAuditWriter writer = new AsyncAuditWriter(file);
    writer.close();

    writer.record(event("lost"));

    assertEquals(1, writer.lost());
    assertEquals(0, writer.written());
    assertTrue(Files.isDirectory(file));
  }
}
