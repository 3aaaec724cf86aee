package io.bulwark.policy.audit;

/** Where audit events go. Implementations never throw at the caller and never drop silently. */
public interface AuditLog extends AutoCloseable {

  /** Records one event; may wait briefly when the log is saturated (back-pressure). */
  void record(AuditEvent event);

  /** Events written to the file so far. */
  long written();

  /** Events that could not be written (each loss is also reported on standard error). */
  long lost();

  /** Writes everything recorded so far and stops; later events are written synchronously. */
  @Override
  void close();
}
