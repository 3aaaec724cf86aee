package io.bulwark.policy.sink;

import io.bulwark.policy.model.HostPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code protect.ssrf.allowHosts}: hosts the application may reach whatever the input. */
final class HostAllowList {

  static final HostAllowList NONE = new HostAllowList(List.of());

  private final List<HostPattern> patterns;

  private HostAllowList(List<HostPattern> patterns) {
    this.patterns = patterns;
  }

  static HostAllowList of(List<HostPattern> patterns) {
    return patterns.isEmpty() ? NONE : new HostAllowList(List.copyOf(patterns));
  }

  /** From host texts ({@code api.example.com}, {@code *.internal.example}). */
  static HostAllowList parse(List<String> hosts) {
    List<HostPattern> patterns = new ArrayList<>();
    for (String host : hosts) {
      patterns.add(HostPattern.parse(host));
    }
    return of(patterns);
  }

  boolean allows(String host) {
    if (patterns.isEmpty()) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    for (HostPattern pattern : patterns) {
      if (pattern.matches(h)) {
        return true;
      }
    }
    return false;
  }
}
