package io.bulwark.policy.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.abuse.BanSettings;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.ratelimit.LimitKey;
import io.bulwark.policy.ratelimit.RateLimit;
import io.bulwark.policy.ratelimit.StoreSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** rules[].rateLimit, rateLimitStore, clients and bans: what is read, and what is refused where. */
class RateLimitReaderTest {

  private static Policy parse(String yaml) throws PolicyException {
    return PolicyLoader.parse(yaml, "policy.yaml");
  }

  private static Map<String, String> problems(String yaml) {
    List<Problem> problems = assertThrows(PolicyException.class, () -> parse(yaml)).problems();
    Map<String, String> positions = new LinkedHashMap<>();
    for (Problem problem : problems) {
      positions.put(problem.location().line() + ":" + problem.location().column(), problem.message());
    }
    return positions;
  }

  private static String rule(String rateLimit) {
    return """
        version: 1
        rules:
          - name: api
            match: { path: /api/** }
            action: allow
            rateLimit: %s
        default: allow
        """.formatted(rateLimit);
  }

  @Test
  void aRateLimitIsReadWithItsKeyLimitsAndHeaders() throws Exception {
    RateLimit limit = parse(rule("{ key: header:X-Tenant, limits: [\"100/1m\", \"10/1s\"], headers: true }"))
        .rules().get(0).rateLimit();

    assertEquals(LimitKey.HEADER, limit.key());
    assertEquals("X-Tenant", limit.header());
    assertEquals(2, limit.limits().size());
    assertEquals(100, limit.limits().get(0).count());
    assertEquals(Duration.ofMinutes(1), limit.limits().get(0).window());
    assertTrue(limit.sendHeaders());
    assertEquals("\"api-1m\";q=100;w=60, \"api-1s\";q=10;w=1", limit.policyHeader());
    assertEquals(LimitKey.IP, parse(rule("{ limits: \"5/1h\" }")).rules().get(0).rateLimit().key(), "ip by default");
  }

  @Test
  void mistakesAreReportedWhereTheyAreWritten() {
    assertEquals(Map.of("6:23", "rules[0] 'api'.rateLimit.key: expected ip, principal, apiKey, route or header:NAME"
        + " but found 'princpal' (did you mean 'principal'?)"),
        problems(rule("{ key: princpal, limits: [\"1/1s\"] }")));
    assertEquals(Map.of("6:36", "rules[0] 'api'.rateLimit.limits: expected a limit such as \"100/1m\" (requests per"
        + " window: a whole number, '/', and a window of whole seconds from 1s to 1d such as 1s, 10s, 1m, 1h, 1d) but"
        + " found '100 per minute'"), problems(rule("{ key: ip, limits: [\"100 per minute\"] }")));
    assertEquals(Map.of("6:36", "rules[0] 'api'.rateLimit.limits: expected a window of whole seconds from 1s to 1d but"
        + " found '500ms'"), problems(rule("{ key: ip, limits: [\"5/500ms\"] }")));
    assertEquals(Map.of("6:44", "rules[0] 'api'.rateLimit.limits: two limits per 60s window; expected one limit per"
        + " window (the lower one is the one that holds)"),
        problems(rule("{ key: ip, limits: [\"5/1m\", \"9/1m\"] }")));
    assertEquals(Map.of("6:16", "rules[0] 'api'.rateLimit: missing 'limits', e.g. limits: [\"100/1m\", \"10/1s\"]"),
        problems(rule("{ key: ip }")));
    assertEquals(Map.of("6:23", "rules[0] 'api'.rateLimit.key: principal needs a rule that authenticates: add"
        + " 'require: { auth: [...] }', or count by ip"), problems(rule("{ key: principal, limits: [\"1/1s\"] }")));
  }

  @Test
  void theStoreIsLocalByDefaultAndRedisByUrl() throws Exception {
    assertTrue(parse(rule("{ limits: [\"1/1s\"] }")).rateLimitStore().isLocal());
    StoreSettings shortForm = parse("version: 1\nrateLimitStore: redis://redis.internal:6380/2\n").rateLimitStore();
    assertEquals("redis://redis.internal:6380/2", shortForm.describe());
    assertEquals(StoreSettings.OnUnavailable.ALLOW, shortForm.onUnavailable(), "fail-open by default");
    StoreSettings longForm = parse("""
        version: 1
        rateLimitStore:
          url: rediss://redis:6380
          timeout: 100ms
          onUnavailable: local
          username: bulwark
          password: env:REDIS_PASSWORD
          keyPrefix: "orders:rl:"
          maxBuckets: 2000
        """).rateLimitStore();
    assertEquals(Duration.ofMillis(100), longForm.timeout());
    assertEquals(StoreSettings.OnUnavailable.LOCAL, longForm.onUnavailable());
    assertEquals("env:REDIS_PASSWORD", String.valueOf(longForm.password()));
    assertEquals("orders:rl:", longForm.keyPrefix());
    assertEquals(2000, longForm.maxBuckets());
    assertEquals(5000, parse("version: 1\nrateLimitStore: { url: local, maxBuckets: 5000 }\n").rateLimitStore()
        .maxBuckets());
  }

  @Test
  void aStoreUrlWithCredentialsOrAnotherSchemeIsRefused() {
    assertEquals(Map.of("2:17", "rateLimitStore: the URL holds credentials; expected them in rateLimitStore.username"
        + " and rateLimitStore.password (env:NAME or file:PATH), so the policy file holds no secret"),
        problems("version: 1\nrateLimitStore: redis://u:secret@redis:6379\n"));
    assertEquals(Map.of("2:17", "rateLimitStore: expected local, or a Redis URL such as redis://127.0.0.1:6379,"
        + " redis://redis:6379/2 or rediss://redis:6380 (TLS) but found 'memcached://cache:11211'"),
        problems("version: 1\nrateLimitStore: memcached://cache:11211\n"));
    assertEquals(Map.of("2:47", "rateLimitStore.password: expected env:NAME (an environment variable) or file:PATH (a"
        + " file holding the password), never the password itself"),
        problems("version: 1\nrateLimitStore: { url: redis://r:1, password: hunter2 }\n"));
    assertEquals(Map.of("2:31", "rateLimitStore.timeout: only used with a Redis url"),
        problems("version: 1\nrateLimitStore: { url: local, timeout: 1s }\n"));
  }

  @Test
  void clientsAndBansAreRead() throws Exception {
    Policy policy = parse("""
        version: 1
        clients: { trustedProxies: [10.0.0.0/8, "2001:db8::/32"], header: Forwarded }
        bans:
          authFailures: { after: 10, within: 1m, for: 15m }
          maxClients: 5000
        """);
    assertEquals(2, policy.clients().trustedProxies().size());
    assertTrue(policy.clients().forwardedSyntax());
    BanSettings bans = policy.bans();
    assertEquals(10, bans.authFailures().after());
    assertEquals(Duration.ofMinutes(15), bans.authFailures().duration());
    assertNull(bans.blocked());
    assertEquals(5000, bans.maxClients());
  }

  @Test
  void clientAndBanMistakesAreReportedWhereTheyAreWritten() {
    assertEquals(Map.of("2:29", "clients.trustedProxies: '10.0.0.1/8' has bits set after the /8 prefix; expected the"
        + " network address, e.g. 10.0.0.0/8"), problems("version: 1\nclients: { trustedProxies: [10.0.0.1/8] }\n"));
    assertEquals(Map.of("2:20", "clients.header: the header is only read from trusted proxies; expected"
        + " clients.trustedProxies too"), problems("version: 1\nclients: { header: X-Real-IP }\n"));
    assertEquals(Map.of("2:18", "bans.blocked: missing 'for', e.g. { after: 10, within: 1m, for: 15m }"),
        problems("version: 1\nbans: { blocked: { after: 5, within: 1m } }\n"));
  }
}
