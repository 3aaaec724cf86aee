package io.bulwark.policy.engine;

import io.bulwark.bridge.Decision;
import java.util.Map;

/** The response a request gets when a sink check blocks it: 403 {@code urn:bulwark:problem:injection}. */
public final class SinkDecisions {

  private static final Map<String, String> HEADERS = Map.of("Cache-Control", "no-store");

  private SinkDecisions() {}

  public static Decision injection(String requestId) {
    return Decision.block(requestId, 403, HEADERS,
        ProblemJson.render(ProblemType.INJECTION, 403, ProblemType.INJECTION.detail, requestId));
  }
}
