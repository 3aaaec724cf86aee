package io.bulwark.policy.audit;

import java.time.Instant;
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

  /** Every field, by ordinal. */
  static final AuditField[] FIELDS = AuditField.values();

  /**
   * Values by field ordinal, {@code null} where unset: what an EnumMap holds, without the entry
   * object its iteration makes per field (a dozen per event, every event of a busy server).
   */
  private final Object[] values = new Object[FIELDS.length];

  private AuditEvent(String action, Instant time) {
    values[AuditField.TIMESTAMP.ordinal()] = time;
    values[AuditField.EVENT_ACTION.ordinal()] = action;
  }

  /** A new event for {@code action} (allow, deny, monitor, error, agent-start, ...) stamped now. */
  public static AuditEvent of(String action) {
    return new AuditEvent(action, Instant.now());
  }

  /** An event stamped with a given instant (tests of the line format). */
  static AuditEvent stampedAt(String action, Instant time) {
    return new AuditEvent(action, time);
  }

  /** Sets a field; {@code null} values are left out of the line. */
  public AuditEvent with(AuditField field, Object value) {
    if (SET_BY_LOG.contains(field)) {
      throw new IllegalArgumentException(field + " is set by the audit log itself");
    }
    if (value != null) {
      values[field.ordinal()] = value;
    }
    return this;
  }

  public Object get(AuditField field) {
    return values[field.ordinal()];
  }

  public String action() {
    return (String) values[AuditField.EVENT_ACTION.ordinal()];
  }

  /** The value of the field of this ordinal ({@link #FIELDS}), or {@code null}: the writer's walk in field order. */
  Object valueAt(int ordinal) {
    return values[ordinal];
  }

  /** Places the event in the chain: its number and the previous line's hash (writer thread only). */
  void link(long seq, String prev) {
    values[AuditField.BULWARK_SCHEMA_VERSION.ordinal()] = AuditChain.SCHEMA_VERSION;
    values[AuditField.BULWARK_SEQ.ordinal()] = seq;
    values[AuditField.BULWARK_PREV.ordinal()] = prev;
    values[AuditField.BULWARK_HASH.ordinal()] = "";
  }
}
