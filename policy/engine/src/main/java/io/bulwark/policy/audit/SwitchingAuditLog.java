package io.bulwark.policy.audit;

import io.bulwark.policy.model.AuditSettings;
import java.nio.file.Path;

/**
 * The audit log the engine writes to, which follows the {@code audit:} settings of a reloaded
 * policy. Redaction and SLF4J settings apply to the running writer at once; a new {@code
 * audit.file} gets a writer of its own (with its own hash chain), and the old one drains and closes.
 * An event recorded during the move goes to the old or the new file, never nowhere: a closed writer
 * writes anything late straight to its file. Rotation and queue sizes of the same file apply from
 * the next start, as {@link AsyncAuditWriter#apply} says.
 */
public final class SwitchingAuditLog implements AuditLog {

  private volatile AsyncAuditWriter current;
  private long retiredWritten; // guarded by this
  private long retiredLost; // guarded by this

  public SwitchingAuditLog(AuditSettings settings) {
    this.current = new AsyncAuditWriter(settings);
  }

  /** The file events are written to now. */
  public Path file() {
    return current.file();
  }

  /**
   * Applies a reloaded policy's settings. {@code farewell} is recorded in the current file and, when
   * the file changes, {@code greeting} starts the new one.
   */
  public synchronized void follow(AuditSettings settings, AuditEvent farewell, AuditEvent greeting) {
    AsyncAuditWriter previous = current;
    if (samePath(settings.file(), previous.file())) {
      previous.apply(settings);
      previous.record(farewell);
      return;
    }
    previous.record(farewell);
    AsyncAuditWriter opened = new AsyncAuditWriter(settings);
    opened.record(greeting);
    current = opened;
    previous.retireTo(opened); // a request that took the old writer just before the switch lands in the new file
    previous.close();
    retiredWritten += previous.written();
    retiredLost += previous.lost();
  }

  private static boolean samePath(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
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
