package io.bulwark.policy.engine;

import io.bulwark.policy.audit.AuditEvent;
import io.bulwark.policy.audit.AuditField;
import io.bulwark.policy.audit.AuditLog;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.ratelimit.StoreListener;
import io.bulwark.policy.ratelimit.StoreSettings;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Audits a shared rate-limit store going away and coming back: {@code ratelimit-store-down} and
 * {@code ratelimit-store-up}, once each per outage, whatever {@code audit.events} says.
 */
final class StoreAudit implements StoreListener {

  private final AuditLog audit;
  private final Supplier<Policy> policy;

  StoreAudit(AuditLog audit, Supplier<Policy> policy) {
    this.audit = audit;
    this.policy = policy;
  }

  @Override
  public void unavailable(StoreSettings store, Throwable cause) {
    String answer = store.onUnavailable().name().toLowerCase(Locale.ROOT);
    audit.record(AuditEvent.of("ratelimit-store-down")
        .with(AuditField.EVENT_REASON, "ratelimit.store-unavailable")
        .with(AuditField.EVENT_MODE, mode())
        .with(AuditField.ERROR_TYPE, cause.getClass().getName())
        .with(AuditField.ERROR_MESSAGE, String.valueOf(cause.getMessage()))
        .with(AuditField.MESSAGE, "the rate-limit store does not answer; rate-limited requests get onUnavailable: "
            + answer + " until it does")
        .with(AuditField.BULWARK_RATELIMIT_STORE, store.describe()));
  }

  @Override
  public void recovered(StoreSettings store, long requests) {
    audit.record(AuditEvent.of("ratelimit-store-up")
        .with(AuditField.EVENT_REASON, "ratelimit.store-recovered")
        .with(AuditField.EVENT_MODE, mode())
        .with(AuditField.MESSAGE, "the rate-limit store answers again; " + requests + " request(s) got onUnavailable: "
            + store.onUnavailable().name().toLowerCase(Locale.ROOT) + " meanwhile")
        .with(AuditField.BULWARK_RATELIMIT_STORE, store.describe())
        .with(AuditField.BULWARK_RATELIMIT_REQUESTS, requests));
  }

  private String mode() {
    Policy current = policy.get();
    return current == null ? null : current.mode().keyword();
  }
}
