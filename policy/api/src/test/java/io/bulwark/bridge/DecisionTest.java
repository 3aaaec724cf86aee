package io.bulwark.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecisionTest {

  @Test
  void allowLetsTheRequestThroughWithItsId() {
    Decision decision = Decision.allow("abc");

    assertFalse(decision.blocks());
    assertEquals(0, decision.status());
    assertEquals("abc", decision.requestId());
    assertNull(decision.body());
    assertEquals(Map.of(), decision.headers());
    assertEquals("allow (abc)", decision.toString());
  }

  @Test
  void blockCarriesStatusHeadersAndBody() {
    Decision decision = Decision.block("abc", 403, Map.of("Cache-Control", "no-store"), "{}");

    assertTrue(decision.blocks());
    assertEquals(403, decision.status());
    assertEquals(Map.of("Cache-Control", "no-store"), decision.headers());
    assertEquals("{}", decision.body());
    assertEquals("block 403 (abc)", decision.toString());
  }

  @Test
  void blockHeadersCannotBeChangedAfterTheDecision() {
    Map<String, String> headers = new HashMap<>(Map.of("Retry-After", "1"));
    Decision decision = Decision.block("abc", 429, headers, "{}");

    headers.put("X-Later", "1");

    assertEquals(Map.of("Retry-After", "1"), decision.headers());
    assertThrows(UnsupportedOperationException.class, () -> decision.headers().put("X", "y"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 200, 302, 399, 600, -1})
  void blockNeedsA4xxOr5xxStatus(int status) {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> Decision.block("abc", status, Map.of(), "{}"));

    assertEquals("a blocking decision needs a 4xx or 5xx status, not " + status, error.getMessage());
  }

  @Test
  void blockingExceptionCarriesTheDecisionAndNoStackTrace() {
    Decision decision = Decision.block("abc", 403, Map.of(), "{}");

    BlockingException exception = new BlockingException(decision);

    assertSame(decision, exception.decision());
    assertEquals("request blocked by Bulwark (abc)", exception.getMessage());
    assertEquals(0, exception.getStackTrace().length);
  }

  @Test
  void engineBeforeStartUpAllowsEverything() {
    assertFalse(Engine.ALLOW_ALL.evaluate(null).blocks());
    assertFalse(Engine.ALLOW_ALL.failure(new RuntimeException(), null).blocks());
  }

  @Test
  void installingNoEngineIsRefused() {
    assertThrows(NullPointerException.class, () -> Bulwark.install(null));
  }
}
