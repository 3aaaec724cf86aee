package io.bulwark.policy.load;

import io.bulwark.policy.auth.Secret;
import io.bulwark.policy.ratelimit.StoreSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code rateLimitStore:}, either {@code local} or a Redis URL, or a mapping of the
 * settings: {@code { url: redis://redis:6379, timeout: 250ms, onUnavailable: allow, ... }}.
 */
final class RateLimitStoreReader {

  static final List<String> KEYS =
      List.of("url", "maxBuckets", "timeout", "onUnavailable", "username", "password", "keyPrefix");
  static final long MIN_BUCKETS = 100;
  static final long MAX_BUCKETS = 10_000_000;
  private static final String URL_FORMAT =
      "local, or a Redis URL such as redis://127.0.0.1:6379, redis://redis:6379/2 or rediss://redis:6380 (TLS)";

  private final Nodes nodes;
  private final Problems problems;
  private final Path base;

  RateLimitStoreReader(Nodes nodes, Path base) {
    this.nodes = nodes;
    this.problems = nodes.problems();
    this.base = base;
  }

  StoreSettings read(Node node) {
    String what = "rateLimitStore";
    if (node == null) {
      return StoreSettings.LOCAL;
    }
    if (!(node instanceof MappingNode)) {
      URI redis = url(node, what);
      return redis == null ? StoreSettings.LOCAL : StoreSettings.redis(redis, null, null,
          StoreSettings.DEFAULT_TIMEOUT, StoreSettings.OnUnavailable.ALLOW, StoreSettings.DEFAULT_MAX_BUCKETS,
          StoreSettings.DEFAULT_KEY_PREFIX);
    }
    Map<String, Node> fields = nodes.mapping(node, what, KEYS);
    URI redis = fields.containsKey("url") ? url(fields.get("url"), what + ".url") : null;
    if (!fields.containsKey("url")) {
      problems.add(node, what + ": missing 'url' (" + URL_FORMAT + ")");
    }
    long maxBuckets = StoreSettings.DEFAULT_MAX_BUCKETS;
    if (fields.containsKey("maxBuckets")) {
      Integer value =
          nodes.integer(fields.get("maxBuckets"), what + ".maxBuckets", (int) MIN_BUCKETS, (int) MAX_BUCKETS);
      maxBuckets = value == null ? maxBuckets : value;
    }
    Node urlNode = fields.get("url");
    boolean local = urlNode instanceof org.snakeyaml.engine.v2.nodes.ScalarNode
        && "local".equalsIgnoreCase(((org.snakeyaml.engine.v2.nodes.ScalarNode) urlNode).getValue().trim());
    for (String redisOnly : List.of("timeout", "onUnavailable", "username", "password", "keyPrefix")) {
      if (local && fields.containsKey(redisOnly)) {
        problems.add(Nodes.keyNode(node, redisOnly), what + "." + redisOnly + ": only used with a Redis url");
      }
    }
    Duration timeout = StoreSettings.DEFAULT_TIMEOUT;
    if (fields.containsKey("timeout")) {
      Duration value =
          nodes.duration(fields.get("timeout"), what + ".timeout", Duration.ofMillis(10), Duration.ofSeconds(10));
      timeout = value == null ? timeout : value;
    }
    StoreSettings.OnUnavailable onUnavailable = nodes.keyword(fields.get("onUnavailable"), what + ".onUnavailable",
        StoreSettings.OnUnavailable.class, StoreSettings.OnUnavailable.ALLOW);
    String username = fields.containsKey("username") ? nodes.string(fields.get("username"), what + ".username") : null;
    Secret password = null;
    if (fields.containsKey("password")) {
      String text = nodes.string(fields.get("password"), what + ".password");
      password = text == null ? null : Secret.parse(text.trim(), base);
      if (text != null && password == null) {
        problems.add(fields.get("password"), what + ".password: expected env:NAME (an environment variable) or"
            + " file:PATH (a file holding the password), never the password itself");
      }
    }
    String keyPrefix = StoreSettings.DEFAULT_KEY_PREFIX;
    if (fields.containsKey("keyPrefix")) {
      String text = nodes.string(fields.get("keyPrefix"), what + ".keyPrefix");
      if (text != null && (text.isEmpty() || text.length() > 64 || !printable(text))) {
        problems.add(fields.get("keyPrefix"), what + ".keyPrefix: expected 1 to 64 printable characters without"
            + " spaces, e.g. orders-api:ratelimit:");
      } else if (text != null) {
        keyPrefix = text;
      }
    }
    if (redis == null) {
      return StoreSettings.local(maxBuckets);
    }
    return StoreSettings.redis(redis, username, password, timeout,
        onUnavailable == null ? StoreSettings.OnUnavailable.ALLOW : onUnavailable, maxBuckets, keyPrefix);
  }

  /** A Redis URL, or {@code null} for {@code local} (and after reporting a problem). */
  private URI url(Node node, String what) {
    String text = nodes.string(node, what);
    if (text == null) {
      return null;
    }
    text = text.trim();
    if (text.equalsIgnoreCase("local")) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      problems.add(node, what + ": expected " + URL_FORMAT + " but found " + Nodes.describe(node));
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss") || uri.getHost() == null) {
      problems.add(node, what + ": expected " + URL_FORMAT + " but found " + Nodes.describe(node));
      return null;
    }
    if (uri.getUserInfo() != null) {
      problems.add(node, what + ": the URL holds credentials; expected them in rateLimitStore.username and"
          + " rateLimitStore.password (env:NAME or file:PATH), so the policy file holds no secret");
      return null;
    }
    String path = uri.getPath();
    if (uri.getQuery() != null || uri.getFragment() != null
        || path != null && !path.isEmpty() && !path.equals("/") && !isDatabase(path.substring(1))) {
      problems.add(node, what + ": expected " + URL_FORMAT + " (an optional /database number, no query) but found "
          + Nodes.describe(node));
      return null;
    }
    return uri;
  }

  private static boolean isDatabase(String text) {
    Long number = Units.number(text);
    return number != null && number <= 15;
  }

  private static boolean printable(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) <= ' ' || text.charAt(i) > '~') {
        return false;
      }
    }
    return true;
  }
}
