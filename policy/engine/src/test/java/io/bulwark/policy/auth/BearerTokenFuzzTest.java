package io.bulwark.policy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bulwark.policy.testing.FakeRequest;

/**
 * Any set of Authorization headers: reading the bearer token never throws; it finds a token, a
 * refusal (400 with a reason), or nothing, and a token it finds is a b64token without spaces.
 */
class BearerTokenFuzzTest {

  @FuzzTest
  void anyAuthorizationHeaders(FuzzedDataProvider data) {
    FakeRequest request = FakeRequest.of("GET", "/");
    int headers = data.consumeInt(0, 3);
    for (int i = 0; i < headers; i++) {
      request.header("Authorization",
          data.consumeBoolean() ? "Bearer " + data.consumeString(200) : data.consumeString(200));
    }
    BearerToken.Read read = BearerToken.from(request);
    assertNotNull(read);
    if (read.failure != null) {
      assertNull(read.token);
    }
    // The two steps an authenticator takes for a token it does not know yet.
    AuthFailure failure =
        read.failure != null ? read.failure : read.token != null ? BearerToken.malformed(read.token) : null;
    if (failure != null) {
      assertEquals(400, failure.status());
      assertTrue(failure.reason().startsWith("bearer."), failure.reason());
    } else if (read.token != null) {
      assertTrue(!read.token.isEmpty() && read.token.chars().noneMatch(c -> c <= ' ' || c >= 127), read.token);
    }
  }
}
