package io.bulwark.policy.audit;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * One audit event: field values keyed by {@link AuditField}. Built on the request thread, then handed
 * to the writer thread, which numbers, chains, formats and writes it; it is not changed after {@link
 * AuditLog#record}.
 */
public final class AuditEvent {

  /** Fields only the audit log sets: time of the event, schema, and the chain. */
  private static final Set<AuditField> SET_BY_LOG = java.util.EnumSet.of(AuditField.TIMESTAMP,
      AuditField.BULWARK_SCHEMA_VERSION, AuditField.BULWARK_SEQ, AuditField.BULWARK_PREV,
      AuditField.BULWARK_HASH);

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
    if (SET_BY_LOG.contains(field)) {
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

  /** Places the event in the chain: its number and the previous line's hash (writer thread only). */
  void link(long seq, String prev) {
    values.put(AuditField.BULWARK_SCHEMA_VERSION, AuditChain.SCHEMA_VERSION);
    values.put(AuditField.BULWARK_SEQ, seq);
    values.put(AuditField.BULWARK_PREV, prev);
    values.put(AuditField.BULWARK_HASH, "");
  }
}
