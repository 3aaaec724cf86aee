package io.bulwark.policy.load;

import io.bulwark.policy.client.ClientSettings;
import io.bulwark.policy.model.IpRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads {@code clients: { trustedProxies: [10.0.0.0/8], header: X-Forwarded-For }}. */
final class ClientsReader {

  static final List<String> KEYS = List.of("trustedProxies", "header");
  static final int MAX_PROXIES = 1024;

  private final Nodes nodes;
  private final Problems problems;

  ClientsReader(Nodes nodes) {
    this.nodes = nodes;
    this.problems = nodes.problems();
  }

  ClientSettings read(Node node) {
    if (node == null) {
      return ClientSettings.NONE;
    }
    String what = "clients";
    Map<String, Node> fields = nodes.mapping(node, what, KEYS);
    List<IpRange> proxies = new ArrayList<>();
    if (fields.containsKey("trustedProxies")) {
      List<Node> items = nodes.sequence(fields.get("trustedProxies"), what + ".trustedProxies",
          "[10.0.0.0/8, 2001:db8::/32]");
      if (items.size() > MAX_PROXIES) {
        problems.add(fields.get("trustedProxies"), what + ".trustedProxies: expected at most " + MAX_PROXIES
            + " ranges but found " + items.size());
      } else {
        for (Node item : items) {
          IpRange range = nodes.cidr(item, what + ".trustedProxies");
          if (range != null) {
            proxies.add(range);
          }
        }
      }
    }
    String header = ClientSettings.DEFAULT_HEADER;
    if (fields.containsKey("header")) {
      String text = nodes.string(fields.get("header"), what + ".header");
      if (text != null && !HeaderNames.isValid(text.trim())) {
        problems.add(fields.get("header"), what + ".header: expected a header name such as X-Forwarded-For or"
            + " Forwarded but found " + Nodes.describe(fields.get("header")));
      } else if (text != null) {
        header = text.trim();
        if (!fields.containsKey("trustedProxies")) {
          problems.add(fields.get("header"), what + ".header: the header is only read from trusted proxies;"
              + " expected clients.trustedProxies too");
        }
      }
    }
    return new ClientSettings(proxies, header);
  }
}
