package io.bulwark.policy.audit;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded hand-over of events from request threads to the one writer thread.
 *
 * <p>Why not an {@code ArrayBlockingQueue}: its offer takes a lock (request threads queue up
 * behind each other and behind the writer's drain) and signals the writer on every event, a
 * futex wake-up per request. Here an offer is two atomic operations, and the writer is woken only
 * while it {@linkplain #awaitEvents waits with nothing to do}; while it is busy or
 * {@linkplain #linger lingering} to gather the next batch, events just pile up. Under load the
 * writer so takes events in batches of one linger's worth, with one write each.
 */
final class EventQueue {

  private static final long ROOM_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

  private final ConcurrentLinkedQueue<AuditEvent> events = new ConcurrentLinkedQueue<>();
  /** Events offered and not yet drained; counts up before the event is in {@link #events}. */
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;
  /** The writer while it waits for events to arrive, to be woken by the next offer; else null. */
  private volatile Thread waiting;

  EventQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.capacity = capacity;
  }

  /** Queues the event if there is room; never blocks. */
  boolean offer(AuditEvent event) {
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      return false;
    }
    events.offer(event);
    Thread writer = waiting;
    if (writer != null) {
      LockSupport.unpark(writer);
    }
    return true;
  }

  /** Queues the event, waiting up to {@code nanos} for room (back-pressure; the rare path). */
  boolean offer(AuditEvent event, long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    while (!offer(event)) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      LockSupport.parkNanos(this, Math.min(left, ROOM_POLL_NANOS));
    }
    return true;
  }

  /** Moves up to {@code max} events, oldest first, into {@code into}; how many it moved. */
  int drainTo(List<AuditEvent> into, int max) {
    int moved = 0;
    AuditEvent event;
    while (moved < max && (event = events.poll()) != null) {
      into.add(event);
      moved++;
    }
    if (moved > 0) {
      size.addAndGet(-moved);
    }
    return moved;
  }

  boolean isEmpty() {
    return events.isEmpty();
  }

  /** More than half full: the writer should not linger. */
  boolean isFilling() {
    return size.get() > capacity / 2;
  }

  /** Writer only: returns when an event arrives, or after {@code nanos}, or on interrupt. */
  void awaitEvents(long nanos) {
    if (!events.isEmpty()) {
      return;
    }
    waiting = Thread.currentThread();
    try {
      // Checked again after announcing the wait: an offer that did not see the announcement
      // queued its event before this check, so it is seen here.
      if (events.isEmpty()) {
        LockSupport.parkNanos(this, nanos);
      }
    } finally {
      waiting = null;
    }
  }

  /** Writer only: waits {@code nanos} without asking to be woken, so a batch can gather. */
  void linger(long nanos) {
    LockSupport.parkNanos(this, nanos);
  }
}
