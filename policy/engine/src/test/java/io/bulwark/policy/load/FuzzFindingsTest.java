package io.bulwark.policy.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Policies the fuzzer found mishandled, reported as policy problems since the fix. */
class FuzzFindingsTest {

  @Test
  void anIntrospectionCacheSizeThatIsNotANumberIsAProblemNotACrash() {
    // Found by PolicyLoaderFuzzTest (kept as PolicyLoaderFuzzTestInputs/.../invalid-introspection-cache-size.yaml):
    // an unreadable cacheSize was unboxed as null and threw NullPointerException out of the loader.
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.parse("""
        version: 1
        identities:
          introspection:
            endpoint: https://login.example.com/introspect
            clientId: api
            clientSecret: env:SECRET
            cacheSize: lots
        """, "policy.yaml"));
    assertEquals(1, e.problems().size(), e.problems()::toString);
    assertTrue(e.problems().get(0).toString().startsWith("policy.yaml:7:"), e.problems()::toString);
    assertTrue(e.problems().get(0).message().contains("cacheSize"), e.problems()::toString);
  }
}
