package io.bulwark.policy.audit;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * One audit event: field values keyed by {@link AuditField}. Built on the request thread, then handed
 * to the writer thread, which numbers, formats and writes it; it is not changed after {@link
 * AuditLog#record}.
 */
public final class AuditEvent {

  private final EnumMap<AuditField, Object> values = new EnumMap<>(AuditField.class);

  private AuditEvent(String action, Instant time) {
    values.put(AuditField.TIMESTAMP, time);
    values.put(AuditField.EVENT_ACTION, action);
  }

  /** A new event for {@code action} (allow, deny, monitor, error, agent-start, ...) stamped now. */
  public static AuditEvent of(String action) {
    return new AuditEvent(action, Instant.now());
  }

  /** Sets a field; {@code null} values are left out of the line. */
  public AuditEvent with(AuditField field, Object value) {
    if (field == AuditField.TIMESTAMP || field == AuditField.BULWARK_SEQ) {
      throw new IllegalArgumentException(field + " is set by the audit log itself");
    }
    if (value != null) {
      values.put(field, value);
    }
    return this;
  }

  public Object get(AuditField field) {
    return values.get(field);
  }

  public String action() {
    return (String) values.get(AuditField.EVENT_ACTION);
  }

  Map<AuditField, Object> values() {
    return values;
  }

  void sequence(long seq) {
    values.put(AuditField.BULWARK_SEQ, seq);
  }
}
