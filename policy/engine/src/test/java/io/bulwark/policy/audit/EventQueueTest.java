package io.bulwark.policy.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventQueueTest {

  @Test
  void holdsAtMostItsCapacityAndDrainsOldestFirst() {
    EventQueue queue = new EventQueue(3);
    List<AuditEvent> offered = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      AuditEvent event = AuditEvent.of("allow");
      offered.add(event);
      assertTrue(queue.offer(event));
    }
    assertFalse(queue.offer(AuditEvent.of("allow")), "a full queue refuses at once");
    List<AuditEvent> drained = new ArrayList<>();
    assertEquals(2, queue.drainTo(drained, 2));
    assertTrue(queue.offer(AuditEvent.of("deny")), "room again after a drain");
    assertEquals(2, queue.drainTo(drained, 10));
    assertEquals(offered.subList(0, 3), drained.subList(0, 3));
    assertEquals("deny", drained.get(3).action());
    assertTrue(queue.isEmpty());
  }

  @Test
  void timedOfferWaitsForRoomAndGivesUpAtTheDeadline() throws Exception {
    EventQueue queue = new EventQueue(1);
    assertTrue(queue.offer(AuditEvent.of("allow")));
    long started = System.nanoTime();
    assertFalse(queue.offer(AuditEvent.of("allow"), TimeUnit.MILLISECONDS.toNanos(50)));
    assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(50));
    Thread drainer = new Thread(() -> {
      sleep(30);
      queue.drainTo(new ArrayList<>(), 1);
    });
    drainer.start();
    assertTrue(queue.offer(AuditEvent.of("deny"), TimeUnit.SECONDS.toNanos(5)), "room made while waiting is taken");
    drainer.join();
  }

  /** The writer waiting idle is woken by the next offer: no event waits for the idle timeout. */
  @Test
  void anOfferWakesAWaitingWriter() throws Exception {
    EventQueue queue = new EventQueue(16);
    for (int round = 0; round < 200; round++) {
      CountDownLatch waiting = new CountDownLatch(1);
      long[] waited = new long[1];
      Thread writer = new Thread(() -> {
        waiting.countDown();
        long started = System.nanoTime();
        while (queue.isEmpty() && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10)) {
          queue.awaitEvents(TimeUnit.SECONDS.toNanos(10));
        }
        waited[0] = System.nanoTime() - started;
      });
      writer.start();
      waiting.await();
      queue.offer(AuditEvent.of("allow"));
      writer.join();
      assertTrue(waited[0] < TimeUnit.SECONDS.toNanos(5), "round " + round + ": the writer slept through an offer");
      assertEquals(1, queue.drainTo(new ArrayList<>(), 16));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
