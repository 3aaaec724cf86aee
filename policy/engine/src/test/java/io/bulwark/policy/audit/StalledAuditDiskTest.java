package io.bulwark.policy.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.model.AuditSettings;
import io.bulwark.policy.testing.Json;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that stops answering: the audit file is a named pipe nobody reads, so the writer thread
 * blocks in the operating system, as on a hung NFS mount. Recording threads (the application's
 * request threads) must not hang with it: they wait for room at most {@code queueFullWait}, once,
 * count what they cannot hand over, and go on; when the disk answers again the loss is in the file
 * as one {@code audit-loss} event, and every event is either written or counted lost.
 */
@EnabledOnOs(OS.LINUX)
class StalledAuditDiskTest {

  @TempDir
  Path dir;

  @Test
  void requestThreadsKeepGoingWhileTheDiskHangsAndTheLossIsAuditedOnce() throws Exception {
    Path fifo = dir.resolve("audit.jsonl");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(), "mkfifo");
    AsyncAuditWriter writer = new AsyncAuditWriter(AuditSettings.builder().file(fifo).queueSize(16)
        .queueFullWait(Duration.ofMillis(200)).build());
    int threads = 4;
    int perThread = 250;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    // A hang guard, not a timing assertion: without the fix every thread blocked here forever.
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            writer.record(AuditEvent.of("allow").with(AuditField.HTTP_REQUEST_ID, thread + "-" + i));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    });
    pool.shutdown();
    int recorded = threads * perThread;
    assertTrue(writer.lost() > 0, "with the disk hung, events beyond the queue are lost");
    assertTrue(writer.backPressureWaits() < recorded / 2,
        "once a wait for a stalled writer timed out, later events do not wait again: " + writer.backPressureWaits());

    // The disk answers again: read the pipe, so the writer's open and writes complete.
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(fifo.toFile()),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.add(line);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    reader.start();
    writer.record(AuditEvent.of("allow").with(AuditField.HTTP_REQUEST_ID, "after"));
    writer.close();
    reader.join(TimeUnit.SECONDS.toMillis(20));

    List<Map<String, Object>> events = lines.stream().map(Json::object).toList();
    List<Map<String, Object>> losses =
        events.stream().filter(e -> "audit-loss".equals(Json.at(e, "event.action"))).toList();
    assertEquals(1, losses.size(), "one audit-loss event sums up the loss: " + losses);
    assertEquals("audit.queue-full", Json.at(losses.get(0), "event.reason"));
    assertEquals(writer.lost(), ((Number) Json.at(losses.get(0), "bulwark.audit.lost")).longValue());
    long requestEvents = events.stream().filter(e -> "allow".equals(Json.at(e, "event.action"))).count();
    assertEquals(recorded + 1, requestEvents + writer.lost(), "every event is written or counted lost");
  }
}
