package io.bulwark.policy.abuse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.bulwark.policy.util.Lazy;
import java.time.Duration;
import java.time.Instant;

/**
 * Counts what a client does wrong and bans it when a trigger fires. Bounded: at most {@code
 * maxClients} counters (forgotten one window after their client's last mistake) and as many bans
 * (forgotten when they end). Thread-safe; the counts are per JVM.
 */
public final class Bans {

  /** Why a client was banned. */
  public enum Cause {
    AUTH_FAILURES("ban.auth-failures", "authentication failures"),
    BLOCKED("ban.blocked", "refused requests");

    private final String reason;
    private final String description;

    Cause(String reason, String description) {
      this.reason = reason;
      this.description = description;
    }

    /** The audit reason, e.g. {@code ban.auth-failures}. */
    public String reason() {
      return reason;
    }

    public String description() {
      return description;
    }
  }

  /** A ban that has just been decided. */
  public static final class Ban {
    private final String client;
    private final Cause cause;
    private final BanSettings.Trigger trigger;
    private final Instant until;

    Ban(String client, Cause cause, BanSettings.Trigger trigger, Instant until) {
      this.client = client;
      this.cause = cause;
      this.trigger = trigger;
      this.until = until;
    }

    public String client() {
      return client;
    }

    public Cause cause() {
      return cause;
    }

    public BanSettings.Trigger trigger() {
      return trigger;
    }

    public Instant until() {
      return until;
    }
  }

  private final BanSettings settings;
  private final Lazy<Cache<String, Strikes>> strikes;
  private final Lazy<Cache<String, Instant>> banned;

  public Bans(BanSettings settings) {
    this.settings = settings;
    Duration longestWindow = Duration.ofSeconds(1);
    for (BanSettings.Trigger trigger : new BanSettings.Trigger[] {settings.authFailures(), settings.blocked()}) {
      if (trigger != null && trigger.within().compareTo(longestWindow) > 0) {
        longestWindow = trigger.within();
      }
    }
    Duration strikeWindow = longestWindow;
    this.strikes = Lazy.of(() -> Caffeine.newBuilder().maximumSize(settings.maxClients())
        .expireAfterAccess(strikeWindow)
        .executor(Runnable::run).build());
    this.banned = Lazy.of(() -> Caffeine.newBuilder().maximumSize(settings.maxClients())
        .expireAfter(new UntilTheBanEnds())
        .executor(Runnable::run).build());
  }

  public BanSettings settings() {
    return settings;
  }

  /** When the ban of {@code client} ends, or {@code null} when it is not banned. */
  public Instant bannedUntil(String client) {
    Instant until = banned.get().getIfPresent(client);
    return until == null || until.isBefore(Instant.now()) ? null : until;
  }

  /**
   * Counts one event of {@code cause} for {@code client}; returns the ban it triggers, or {@code
   * null}. The count starts again after a ban.
   */
  public Ban strike(Cause cause, String client) {
    BanSettings.Trigger trigger = cause == Cause.AUTH_FAILURES ? settings.authFailures() : settings.blocked();
    if (trigger == null || client == null) {
      return null;
    }
    long now = System.nanoTime();
    Strikes count = strikes.get().get(cause.ordinal() + client, ignored -> new Strikes());
    if (!count.add(now, trigger)) {
      return null;
    }
    Instant until = Instant.now().plus(trigger.duration());
    banned.get().put(client, until);
    return new Ban(client, cause, trigger, until);
  }

  /** Events of one kind from one client in the current window (which starts at the first of them). */
  private static final class Strikes {
    private long windowStart;
    private int count;

    synchronized boolean add(long now, BanSettings.Trigger trigger) {
      if (count == 0 || now - windowStart > trigger.within().toNanos()) {
        windowStart = now;
        count = 0;
      }
      if (++count >= trigger.after()) {
        count = 0;
        return true;
      }
      return false;
    }
  }

  private static final class UntilTheBanEnds implements Expiry<String, Instant> {
    @Override
    public long expireAfterCreate(String key, Instant until, long currentTime) {
      return Math.max(0, Duration.between(Instant.now(), until).toNanos());
    }

    @Override
    public long expireAfterUpdate(String key, Instant until, long currentTime, long currentDuration) {
      return expireAfterCreate(key, until, currentTime);
    }

    @Override
    public long expireAfterRead(String key, Instant until, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
