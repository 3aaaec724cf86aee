package io.bulwark.policy.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bulwark.policy.model.Policy;

/**
 * Any policy file, YAML or JSON: loading never throws anything but a {@link PolicyException}, whose
 * every problem names the file, a line and column inside it (or 0:0 for the whole file), and says
 * what was expected. Seeded with real policies (the docs' examples, the demo's, JSON ones).
 */
class PolicyLoaderFuzzTest {

  @FuzzTest
  @DictionaryEntries({"version: 1", "rules:", "- name: ", "match:", "path: ", "/api/**", "{id}", "methods:",
      "action: ", "allow", "deny", "require:", "auth: [jwt]", "roles:", "scopes:", "when: ", "principal.id",
      "path.id", "identities:", "apiKeys:", "in: header:X-API-Key", "jwt:", "jwks: file:", "issuer:",
      "audiences:", "introspection:", "mtls:", "default: ", "routing:", "methodOverride:", "audit:",
      "events:", "queueSize:", "5s", "1MB", "hosts:", "headers:", "mode: monitor", "onAgentError: deny",
      "&a", "*a", "!!str", "{\"version\":1,", "\"rules\":[", "]}"})
  void anyPolicyFile(byte[] bytes) {
    Policy policy;
    try {
      policy = PolicyLoader.load(bytes, "fuzz.yaml");
    } catch (PolicyException e) {
      assertFalse(e.problems().isEmpty());
      for (Problem problem : e.problems()) {
        assertEquals("fuzz.yaml", problem.location().file(), problem.toString());
        assertTrue(problem.location().line() >= 0 && problem.location().column() >= 0, problem.toString());
        assertFalse(problem.message().isBlank(), problem.toString());
        assertTrue(problem.toString().startsWith("fuzz.yaml:"), problem.toString());
      }
      return;
    }
    assertNotNull(policy.sha256());
    assertNotNull(policy.defaultAction());
  }
}
