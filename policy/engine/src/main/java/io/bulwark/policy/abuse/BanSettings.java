package io.bulwark.policy.abuse;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code bans:}: when a client is refused outright for a while. After {@code after} refused
 * credentials within {@code within} (401), or {@code after} requests Bulwark refused with 400 or
 * 403 within {@code within}, the client is refused with 429 for {@code for}. Immutable.
 */
public final class BanSettings {

  public static final long DEFAULT_MAX_CLIENTS = 100_000;
  public static final BanSettings NONE = new BanSettings(null, null, DEFAULT_MAX_CLIENTS);

  private final Trigger authFailures;
  private final Trigger blocked;
  private final long maxClients;

  public BanSettings(Trigger authFailures, Trigger blocked, long maxClients) {
    this.authFailures = authFailures;
    this.blocked = blocked;
    this.maxClients = maxClients;
  }

  /** Refused credentials (401, a credential was sent) counted per client address; {@code null}: off. */
  public Trigger authFailures() {
    return authFailures;
  }

  /** Requests refused with 400 or 403, counted per principal (else address); {@code null}: off. */
  public Trigger blocked() {
    return blocked;
  }

  /** Clients whose counts and bans are held at most (each of the two). */
  public long maxClients() {
    return maxClients;
  }

  public boolean enabled() {
    return authFailures != null || blocked != null;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof BanSettings)) {
      return false;
    }
    BanSettings that = (BanSettings) other;
    return Objects.equals(authFailures, that.authFailures) && Objects.equals(blocked, that.blocked)
        && maxClients == that.maxClients;
  }

  @Override
  public int hashCode() {
    return Objects.hash(authFailures, blocked, maxClients);
  }

  /** {@code { after: 10, within: 1m, for: 15m }}. */
  public static final class Trigger {
    private final int after;
    private final Duration within;
    private final Duration duration;

    public Trigger(int after, Duration within, Duration duration) {
      this.after = after;
      this.within = within;
      this.duration = duration;
    }

    /** How many events within the window ban the client. */
    public int after() {
      return after;
    }

    public Duration within() {
      return within;
    }

    /** How long the ban lasts. */
    public Duration duration() {
      return duration;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Trigger && after == ((Trigger) other).after && within.equals(((Trigger) other).within)
          && duration.equals(((Trigger) other).duration);
    }

    @Override
    public int hashCode() {
      return Objects.hash(after, within, duration);
    }
  }
}
