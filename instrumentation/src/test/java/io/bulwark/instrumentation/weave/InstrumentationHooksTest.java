package io.bulwark.instrumentation.weave;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.bulwark.instrumentation.Instrumentations;
import io.bulwark.instrumentation.TypeInstrumentation;
import org.junit.jupiter.api.Test;

/** Hooks are looked up when first woven; every one Bulwark declares must exist in the bridge. */
class InstrumentationHooksTest {

  @Test
  void everyHookOfEveryInstrumentationIsABridgeMethod() {
    int hooks = 0;
    for (TypeInstrumentation target : Instrumentations.all()) {
      assertFalse(target.advice().isEmpty(), target + " has advice");
      for (MethodAdvice advice : target.advice()) {
        for (Hook hook : advice.hooks()) {
          assertDoesNotThrow(hook::resolved, target + ": " + hook);
          hooks++;
        }
      }
    }
    assertFalse(hooks < 20, "the instrumentations declare their hooks (" + hooks + ")");
  }
}
