package io.bulwark.policy.audit;

import io.bulwark.bridge.AgentLog;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes audit events as JSON lines from one background thread, so a request thread only pays for
 * building the event and one queue offer.
 *
 * <p>No event is dropped to keep up: when the bounded queue is full the recording thread waits for
 * room (back-pressure), and if the writer thread is gone or stopped it writes the event itself.
 * Events reach the operating system when the queue runs empty after a batch (so within
 * milliseconds under light load) and the disk ({@code fsync}) on {@link #close}. A failure to write
 * (disk full, unwritable file) is counted, reported on standard error once per cause, and retried
 * with the next batch; the application is never affected.
 */
public final class AsyncAuditWriter implements AuditLog, Runnable {

  public static final int DEFAULT_CAPACITY = 16_384;
  private static final int BATCH = 1024;
  private static final long LOSS_REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Path file;
  private final ArrayBlockingQueue<AuditEvent> queue;
  private final Thread thread;
  private final AuditLineFormat format = new AuditLineFormat();
  private final Object fileLock = new Object();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private final AtomicLong waits = new AtomicLong();
  private volatile boolean closed;

  private FileOutputStream fileStream; // guarded by fileLock
  private BufferedOutputStream out; // guarded by fileLock
  private long seq; // guarded by fileLock
  private long lastLossReport; // guarded by fileLock

  public AsyncAuditWriter(Path file) {
    this(file, DEFAULT_CAPACITY);
  }

  public AsyncAuditWriter(Path file, int capacity) {
    this.file = file;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this, "bulwark-audit-writer");
    thread.setDaemon(true);
    thread.setContextClassLoader(AsyncAuditWriter.class.getClassLoader());
    thread.start();
  }

  public Path file() {
    return file;
  }

  @Override
  public void record(AuditEvent event) {
    if (closed || !thread.isAlive()) {
      writeBatch(List.of(event));
      return;
    }
    if (!queue.offer(event)) {
      waits.incrementAndGet();
      try {
        while (!queue.offer(event, 100, TimeUnit.MILLISECONDS)) {
          if (closed || !thread.isAlive()) {
            writeBatch(List.of(event));
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        writeBatch(List.of(event));
        return;
      }
    }
    if (closed || !thread.isAlive()) {
      // The writer may have stopped (and close() drained the queue) between the check above and the
      // offer: write what it left behind, or the event would sit in the queue forever.
      writeQueued();
    }
  }

  private void writeQueued() {
    List<AuditEvent> rest = new ArrayList<>();
    queue.drainTo(rest);
    if (!rest.isEmpty()) {
      writeBatch(rest);
    }
  }

  @Override
  public void run() {
    List<AuditEvent> batch = new ArrayList<>(BATCH);
    while (true) {
      AuditEvent first;
      try {
        first = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        first = null; // close() decides when to stop; keep draining
      }
      if (first == null) {
        if (closed && queue.isEmpty()) {
          return;
        }
        continue;
      }
      batch.add(first);
      queue.drainTo(batch, BATCH - 1);
      writeBatch(batch);
      batch.clear();
      if (queue.isEmpty()) {
        flush(false);
      }
    }
  }

  private void writeBatch(List<AuditEvent> events) {
    synchronized (fileLock) {
      int done = 0;
      try {
        ensureOpen();
        for (AuditEvent event : events) {
          event.sequence(++seq);
          out.write(format.format(event));
          done++;
          written.incrementAndGet();
        }
        if (closed) {
          out.flush();
        }
      } catch (IOException | RuntimeException e) {
        lost.addAndGet(events.size() - done);
        AgentLog.errorOnce("audit-write " + file, e);
        reportLoss();
        closeQuietly();
      }
    }
  }

  private void ensureOpen() throws IOException {
    if (out == null) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      fileStream = new FileOutputStream(file.toFile(), true);
      out = new BufferedOutputStream(fileStream, 64 * 1024);
    }
  }

  private void flush(boolean sync) {
    synchronized (fileLock) {
      if (out == null) {
        return;
      }
      try {
        out.flush();
        if (sync) {
          fileStream.getChannel().force(false);
        }
      } catch (IOException e) {
        AgentLog.errorOnce("audit-flush " + file, e);
        closeQuietly();
      }
    }
  }

  /** Says how many events are lost, at most once every ten seconds, so a full disk cannot flood stderr. */
  private void reportLoss() {
    long now = System.nanoTime();
    if (now - lastLossReport >= LOSS_REPORT_INTERVAL_NANOS || lastLossReport == 0) {
      lastLossReport = now;
      AgentLog.warn("audit: " + lost.get() + " event(s) could not be written to " + file
          + " so far; retrying with every new event");
    }
  }

  private void closeQuietly() {
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException ignored) {
      // the data that could not be flushed was counted when writing failed
    }
    out = null;
    fileStream = null;
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
    flush(true);
    synchronized (fileLock) {
      closeQuietly(); // a late event reopens the file in append mode
    }
  }
}
