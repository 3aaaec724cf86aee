package io.bulwark.policy.engine;

import io.bulwark.policy.abuse.Bans;
import io.bulwark.policy.auth.Principal;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code bans:}: a banned client is refused (429) before anything else is checked, and every
 * decision is counted towards a ban: a refused credential (401) against the client's address, a
 * request refused with 400 or 403 against the principal when one was proved, else the address.
 */
final class BanCheck {

  private BanCheck() {}

  static String ipClient(Exchange exchange) {
    return "ip:" + exchange.clientIp();
  }

  static String principalClient(Principal principal) {
    return "principal:" + principal.scheme().keyword() + ":" + principal.id();
  }

  /** The refusal for a banned address, or {@code null}. */
  static Verdict address(Exchange exchange, Bans bans) {
    return refusal(bans, ipClient(exchange), null);
  }

  /** The refusal for a banned principal (after authentication), or {@code null}. */
  static Verdict principal(Exchange exchange, Bans bans) {
    Principal principal = exchange.principal();
    return principal == null ? null : refusal(bans, principalClient(principal), exchange.rule().name());
  }

  private static Verdict refusal(Bans bans, String client, String rule) {
    Instant until = bans.bannedUntil(client);
    if (until == null) {
      return null;
    }
    long seconds = Math.max(1, Duration.between(Instant.now(), until).toMillis() / 1000 + 1);
    return Verdict.banned(rule, seconds);
  }

  /** Counts a decision; returns the ban it triggered, or {@code null}. */
  static Bans.Ban count(Exchange exchange, Verdict verdict, Bans bans) {
    if (verdict.status == 401 && !"auth.missing".equals(verdict.reason)) {
      return bans.strike(Bans.Cause.AUTH_FAILURES, ipClient(exchange));
    }
    if (verdict.status == 400 || verdict.status == 403) {
      Principal principal = exchange.principal();
      return bans.strike(Bans.Cause.BLOCKED, principal != null ? principalClient(principal) : ipClient(exchange));
    }
    return null;
  }
}
