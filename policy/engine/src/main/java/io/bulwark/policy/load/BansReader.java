package io.bulwark.policy.load;

import io.bulwark.policy.abuse.BanSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads {@code bans: { authFailures: { after: 10, within: 1m, for: 15m }, blocked: {...}, maxClients }}. */
final class BansReader {

  static final List<String> KEYS = List.of("authFailures", "blocked", "maxClients");
  static final List<String> TRIGGER_KEYS = List.of("after", "within", "for");

  private final Nodes nodes;
  private final Problems problems;

  BansReader(Nodes nodes) {
    this.nodes = nodes;
    this.problems = nodes.problems();
  }

  BanSettings read(Node node) {
    if (node == null) {
      return BanSettings.NONE;
    }
    Map<String, Node> fields = nodes.mapping(node, "bans", KEYS);
    BanSettings.Trigger authFailures = fields.containsKey("authFailures")
        ? trigger(fields.get("authFailures"), "bans.authFailures") : null;
    BanSettings.Trigger blocked = fields.containsKey("blocked") ? trigger(fields.get("blocked"), "bans.blocked") : null;
    long maxClients = BanSettings.DEFAULT_MAX_CLIENTS;
    if (fields.containsKey("maxClients")) {
      Integer value = nodes.integer(fields.get("maxClients"), "bans.maxClients", 100, 10_000_000);
      maxClients = value == null ? maxClients : value;
    }
    return new BanSettings(authFailures, blocked, maxClients);
  }

  private BanSettings.Trigger trigger(Node node, String what) {
    Map<String, Node> fields = nodes.mapping(node, what, TRIGGER_KEYS);
    if (fields.isEmpty()) {
      return null;
    }
    Integer after = null;
    Duration within = null;
    Duration duration = null;
    for (String key : TRIGGER_KEYS) {
      if (!fields.containsKey(key)) {
        problems.add(node, what + ": missing '" + key + "', e.g. { after: 10, within: 1m, for: 15m }");
      }
    }
    if (fields.containsKey("after")) {
      after = nodes.integer(fields.get("after"), what + ".after", 1, 1_000_000);
    }
    if (fields.containsKey("within")) {
      within = nodes.duration(fields.get("within"), what + ".within", Duration.ofSeconds(1), Duration.ofDays(1));
    }
    if (fields.containsKey("for")) {
      duration = nodes.duration(fields.get("for"), what + ".for", Duration.ofSeconds(1), Duration.ofDays(30));
    }
    return after == null || within == null || duration == null ? null
        : new BanSettings.Trigger(after, within, duration);
  }
}
