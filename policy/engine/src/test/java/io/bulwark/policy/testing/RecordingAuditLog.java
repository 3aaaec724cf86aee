package io.bulwark.policy.testing;

import io.bulwark.policy.audit.AuditEvent;
import io.bulwark.policy.audit.AuditLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An audit log that keeps the events in memory, for tests that look at what the engine recorded. */
public final class RecordingAuditLog implements AuditLog {

  public final List<AuditEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void record(AuditEvent event) {
    events.add(event);
  }

  @Override
  public long written() {
    return events.size();
  }

  @Override
  public long lost() {
    return 0;
  }

  @Override
  public void close() {}
}
