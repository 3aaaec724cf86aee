package io.bulwark.policy.audit;

import io.bulwark.bridge.AgentLog;
import io.bulwark.policy.model.AuditSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes audit events as hash-chained JSON lines from one background thread, so a request thread
 * only pays for building the event and one queue offer.
 *
 * <p>Back-pressure, not dropping: when the bounded queue is full the recording thread waits for
 * room, up to {@code audit.queueFullWait}; only a writer that cannot keep up for that long (a hung
 * disk) costs events, and that loss is counted, reported on standard error and recorded as an
 * {@code audit-loss} event in the file once writing works again. A recording thread never waits for
 * the file itself: a writer blocked in the operating system cannot take a request thread with it.
 * Once a wait has timed out, later events are counted lost at once, without waiting, until the
 * writer finishes another batch: a hung disk costs each request at most one wait, not every request
 * {@code queueFullWait}. A write failure (disk full,
 * unwritable file) is handled the same way, and writing is retried with the next batch; the
 * application is never affected. If the writer thread is gone or stopped, the recording thread
 * writes the event itself.
 *
 * <p>Each batch goes to the operating system in one write as soon as it is formatted; after a batch
 * the writer lingers 2 ms so that, under load, the next batch gathers without request threads waking
 * it (see {@link EventQueue}): an event reaches the file a few milliseconds after the request. The file is
 * forced to disk ({@code fsync}) at most once a second while events arrive, at rotation and on
 * {@link #close}. The chain continues from the last line already on disk (see {@link AuditChain}).
 */
public final class AsyncAuditWriter implements AuditLog, Runnable {

  public static final int DEFAULT_CAPACITY = AuditSettings.DEFAULT_QUEUE_SIZE;
  private static final int BATCH = 1024;
  private static final long LOSS_REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long FORCE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** After a batch the writer waits this long for the next one to gather (events reach the file this much later). */
  private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  /** With nothing queued the writer waits at most this long (to force the file in time), or until an event comes. */
  private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final String QUEUE_FULL =
      "the audit queue stayed full for %d ms (audit.queueFullWait): the writer cannot keep up";

  private final AuditFileSink sink;
  private final EventQueue queue;
  private final long queueFullWaitNanos;
  private final Thread thread;
  private final AuditLineFormat format = new AuditLineFormat();
  private final Object fileLock = new Object();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private final AtomicLong waits = new AtomicLong();
  /** Batches the writer finished (written or failed): a writer that stops counting is stalled. */
  private final AtomicLong progress = new AtomicLong();
  /** {@link #progress} when a recording thread last waited for room in vain; -1 when none did. */
  private volatile long stalledAt = -1;
  /** Lost by recording threads and not yet in an audit-loss event (taken over by the writer). */
  private final AtomicLong queueLosses = new AtomicLong();
  private final AtomicReference<Instant> firstQueueLoss = new AtomicReference<>();
  private final AtomicLong lastLossReport = new AtomicLong();
  private volatile Slf4jRoute slf4j;
  private volatile boolean closed;

  // guarded by fileLock
  private long seq;
  private String prev;
  private final Batch batch = new Batch();
  private final List<String> routed = new ArrayList<>(); // actions of the batch's lines, for SLF4J
  private long unreportedLoss;
  private Instant firstUnreportedLoss;
  private String lossCause;
  private boolean dirty;
  private long lastForce = System.nanoTime();

  public AsyncAuditWriter(Path file) {
    this(AuditSettings.builder().file(file).build());
  }

  public AsyncAuditWriter(Path file, int capacity) {
    this(AuditSettings.builder().file(file).queueSize(capacity).build());
  }

  public AsyncAuditWriter(AuditSettings settings) {
    this.sink = new AuditFileSink(settings.file(), settings.maxFileSize(), settings.maxFiles());
    this.queue = new EventQueue(settings.queueSize());
    this.queueFullWaitNanos = settings.queueFullWait().toNanos();
    AuditFileSink.Link link = AuditFileSink.lastLink(settings.file());
    this.seq = link == null ? 0 : link.seq;
    this.prev = link == null ? AuditChain.GENESIS : link.hash;
    apply(settings);
    this.thread = new Thread(this, "bulwark-audit-writer");
    thread.setDaemon(true);
    thread.setContextClassLoader(AsyncAuditWriter.class.getClassLoader());
    thread.start();
  }

  public Path file() {
    return sink.file();
  }

  /**
   * Takes the redaction and SLF4J settings of a (re)loaded policy; file, rotation and queue
   * settings apply from the next start.
   */
  public void apply(AuditSettings settings) {
    format.redactWith(Redactor.of(settings.redact()));
    if (!settings.slf4j()) {
      slf4j = null;
    } else if (slf4j == null) {
      slf4j = new Slf4jRoute();
    }
  }

  @Override
  public void record(AuditEvent event) {
    Slf4jRoute route = slf4j;
    if (route != null && event.get(AuditField.HTTP_REQUEST_ID) != null) {
      route.discover();
    }
    if (closed || !thread.isAlive()) {
      writeLate(List.of(event));
      return;
    }
    if (!queue.offer(event) && !awaitRoom(event)) {
      return;
    }
    if (closed || !thread.isAlive()) {
      // The writer may have stopped (and close() drained the queue) between the check above and the
      // offer: write what it left behind, or the event would sit in the queue forever.
      List<AuditEvent> rest = new ArrayList<>();
      queue.drainTo(rest, Integer.MAX_VALUE);
      if (!rest.isEmpty()) {
        writeLate(rest);
      }
    }
  }

  /**
   * The writer that took over when a reload moved the audit to another file ({@link #retireTo}):
   * events that reach this writer after its close go there, not into this file. A later reload may
   * move the audit back to this file with a new writer; a retired writer appending too would
   * interleave two hash chains in one file.
   */
  private volatile AuditLog successor;

  /** Names the writer that continues the audit once this one is closed (call before {@link #close}). */
  void retireTo(AuditLog next) {
    successor = next;
  }

  /**
   * Events recorded after the writer stopped: to the successor once retired, else into this file by the
   * recording thread.
   */
  private void writeLate(List<AuditEvent> events) {
    AuditLog next = successor;
    if (closed && next != null) {
      for (AuditEvent event : events) {
        next.record(event);
      }
    } else {
      writeBatch(events);
    }
  }

  /** Back-pressure: waits for room; false when the event was written or lost instead. */
  private boolean awaitRoom(AuditEvent event) {
    long progressBefore = progress.get();
    if (stalledAt == progressBefore && event.get(AuditField.HTTP_REQUEST_ID) != null) {
      // A wait already timed out and the writer has not finished a batch since: it is stalled, and
      // waiting again would only slow the application down. Lifecycle events (agent-stop, reloads)
      // are not on a request's path: they still wait, so a writer that is catching up gets them.
      loseQueued();
      return false;
    }
    waits.incrementAndGet();
    long deadline = System.nanoTime() + queueFullWaitNanos;
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          stalledAt = progress.get();
          loseQueued();
          return false;
        }
        if (queue.offer(event, Math.min(left, POLL_NANOS))) {
          return true;
        }
        if (closed || !thread.isAlive()) {
          writeLate(List.of(event));
          return false;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      writeBatch(List.of(event));
      return false;
    }
  }

  /**
   * Counts one event a recording thread could not hand over, without taking the file lock (the
   * writer may hold it while blocked on the disk); the writer puts the count in the next
   * audit-loss event.
   */
  private void loseQueued() {
    firstQueueLoss.compareAndSet(null, Instant.now());
    queueLosses.incrementAndGet();
    long total = lost.incrementAndGet();
    reportLoss(total, String.format(QUEUE_FULL, TimeUnit.NANOSECONDS.toMillis(queueFullWaitNanos)));
  }

  /** Standard error hears about losses at most every ten seconds. */
  private void reportLoss(long total, String cause) {
    long now = System.nanoTime();
    long last = lastLossReport.get();
    if ((last == 0 || now - last >= LOSS_REPORT_INTERVAL_NANOS) && lastLossReport.compareAndSet(last, now)) {
      AgentLog.warn("audit: " + total + " event(s) could not be written so far (" + cause
          + "); the application keeps running and writing is retried with every new event");
    }
  }

  /** Takes over the losses of recording threads into the loss the next audit-loss event reports. */
  private void collectQueueLosses() {
    long queued = queueLosses.getAndSet(0);
    if (queued > 0) {
      Instant first = firstQueueLoss.getAndSet(null);
      unreportedLoss += queued;
      if (firstUnreportedLoss == null || first != null && first.isBefore(firstUnreportedLoss)) {
        firstUnreportedLoss = first != null ? first : Instant.now();
      }
      lossCause = String.format(QUEUE_FULL, TimeUnit.NANOSECONDS.toMillis(queueFullWaitNanos));
    }
  }

  private void writeQueued() {
    List<AuditEvent> rest = new ArrayList<>();
    queue.drainTo(rest, Integer.MAX_VALUE);
    if (!rest.isEmpty()) {
      writeBatch(rest);
    }
  }

  @Override
  public void run() {
    List<AuditEvent> events = new ArrayList<>(BATCH);
    while (true) {
      if (queue.drainTo(events, BATCH) == 0) {
        if (closed && queue.isEmpty()) {
          return;
        }
        queue.awaitEvents(IDLE_WAIT_NANOS);
        Thread.interrupted(); // close() decides when to stop; keep draining
        if (queue.isEmpty()) {
          synchronized (fileLock) {
            forceIfDue();
          }
        }
        continue;
      }
      writeBatch(events);
      events.clear();
      if (!queue.isFilling() && !closed) {
        // Events arriving now need not wake the writer: they go out with the next batch, in one write.
        queue.linger(LINGER_NANOS);
        Thread.interrupted();
      }
    }
  }

  private void writeBatch(List<AuditEvent> events) {
    synchronized (fileLock) {
      long committedSeq = seq;
      String committedPrev = prev;
      int committed = 0; // events of this batch already in the file
      int pending = 0;
      batch.reset();
      routed.clear();
      collectQueueLosses();
      try {
        if (unreportedLoss > 0) {
          append(lossEvent());
        }
        for (AuditEvent event : events) {
          long seqBefore = seq;
          String prevBefore = prev;
          int length = prepare(event);
          if (sink.needsRotation(batch.size(), length)) {
            flush();
            committed += pending;
            pending = 0;
            committedSeq = seqBefore;
            committedPrev = prevBefore;
            sink.rotate();
          }
          add(event);
          pending++;
        }
        flush();
        committed += pending;
        written.addAndGet(committed);
        unreportedLoss = 0;
        firstUnreportedLoss = null;
        forceIfDue();
      } catch (IOException | RuntimeException e) {
        written.addAndGet(committed);
        seq = committedSeq;
        prev = committedPrev;
        sink.abandon();
        lose(events.size() - committed, "cannot write to " + sink.file() + ": " + e, e);
      } finally {
        progress.incrementAndGet();
      }
    }
  }

  /** Formats one event as the next in the chain; returns its line's length ({@link #add} writes it). */
  private int prepare(AuditEvent event) {
    event.link(seq + 1, prev);
    return format.prepare(event);
  }

  private void append(AuditEvent event) throws IOException {
    prepare(event);
    add(event);
  }

  /** Seals the event {@link #prepare} formatted into the batch; advances seq and prev. */
  private void add(AuditEvent event) {
    format.writeTo(batch);
    seq++;
    prev = format.lastHash();
    if (slf4j != null) {
      routed.add(event.action());
    }
  }

  private void flush() throws IOException {
    if (batch.size() == 0) {
      return;
    }
    byte[] bytes = batch.buffer();
    int length = batch.size();
    sink.write(bytes, length);
    dirty = true;
    route(bytes, length);
    batch.reset();
  }

  /** The lines of one batch, written from its own buffer (no copy of every batch). */
  private static final class Batch extends ByteArrayOutputStream {
    Batch() {
      super(64 * 1024);
    }

    byte[] buffer() {
      return buf;
    }
  }

  private void route(byte[] bytes, int length) {
    Slf4jRoute route = slf4j;
    if (route == null || !route.isReady() || routed.isEmpty()) {
      routed.clear();
      return;
    }
    int start = 0;
    for (String action : routed) {
      int end = start;
      while (end < length && bytes[end] != '\n') {
        end++;
      }
      route.log(action, new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
      start = end + 1;
    }
    routed.clear();
  }

  private void forceIfDue() {
    long now = System.nanoTime();
    if (dirty && now - lastForce >= FORCE_INTERVAL_NANOS) {
      lastForce = now;
      dirty = false;
      try {
        sink.force();
      } catch (IOException e) {
        AgentLog.errorOnce("audit-force " + sink.file(), e);
      }
    }
  }

  /** Counts and reports events that could not be written; they are summed up in the next audit-loss event. */
  private void lose(long count, String cause, Throwable error) {
    if (count <= 0) {
      return;
    }
    lost.addAndGet(count);
    unreportedLoss += count;
    if (firstUnreportedLoss == null) {
      firstUnreportedLoss = Instant.now();
    }
    lossCause = cause;
    if (error != null) {
      AgentLog.errorOnce("audit-write " + sink.file(), error);
    }
    reportLoss(lost.get(), cause);
  }

  private AuditEvent lossEvent() {
    return AuditEvent.of("audit-loss")
        .with(AuditField.EVENT_REASON, lossCause != null && lossCause.startsWith("the audit queue")
            ? "audit.queue-full" : "audit.write-failed")
        .with(AuditField.MESSAGE, unreportedLoss + " audit event(s) could not be written since "
            + firstUnreportedLoss + ": " + lossCause)
        .with(AuditField.BULWARK_AUDIT_LOST, unreportedLoss);
  }

  @Override
  public long written() {
    return written.get();
  }

  @Override
  public long lost() {
    return lost.get();
  }

  /** How many times a recording thread had to wait for room in the queue. */
  public long backPressureWaits() {
    return waits.get();
  }

  @Override
  public void close() {
    closed = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writeQueued();
    synchronized (fileLock) {
      if (unreportedLoss > 0 || queueLosses.get() > 0) {
        // A loss after the writer's last batch has no later batch to carry its audit-loss event.
        writeBatch(List.of());
      }
      try {
        sink.close(); // forces to disk; a late event reopens the file in append mode
      } catch (IOException e) {
        AgentLog.errorOnce("audit-close " + sink.file(), e);
      }
    }
  }
}
