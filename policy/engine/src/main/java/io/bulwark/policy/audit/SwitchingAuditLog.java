package io.bulwark.policy.audit;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The audit log the engine writes to, which can move to another file while requests are being
 * recorded (a reloaded policy may name a new {@code audit.file}). An event recorded during the move
 * goes to the old or the new file, never nowhere: the old writer drains and closes after the switch,
 * and writes anything late straight to its file.
 */
public final class SwitchingAuditLog implements AuditLog {

  private final Function<Path, AuditLog> open;
  private volatile Path file;
  private volatile AuditLog current;
  private long retiredWritten; // guarded by this
  private long retiredLost; // guarded by this

  /**
   * @param open opens a log on a file, e.g. {@code AsyncAuditWriter::new}
   */
  public SwitchingAuditLog(Path file, Function<Path, AuditLog> open) {
    this.open = open;
    this.file = file;
    this.current = open.apply(file);
  }

  /** The file events are written to now. */
  public Path file() {
    return file;
  }

  /**
   * Moves to {@code next} (no-op when it is the current file). {@code farewell} is recorded in the
   * old file and {@code greeting} as the first event of the new one.
   */
  public synchronized void switchTo(Path next, AuditEvent farewell, AuditEvent greeting) {
    if (next.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
      current.record(farewell);
      return;
    }
    AuditLog previous = current;
    previous.record(farewell);
    AuditLog opened = open.apply(next);
    opened.record(greeting);
    current = opened;
    file = next;
    previous.close();
    retiredWritten += previous.written();
    retiredLost += previous.lost();
  }

  @Override
  public void record(AuditEvent event) {
    current.record(event);
  }

  @Override
  public synchronized long written() {
    return retiredWritten + current.written();
  }

  @Override
  public synchronized long lost() {
    return retiredLost + current.lost();
  }

  @Override
  public synchronized void close() {
    current.close();
  }
}
