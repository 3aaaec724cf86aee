package io.bulwark.policy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any {@code in:} value of {@code identities.apiKeys}: parsing never throws; what it accepts names a
 * header or parameter that is an HTTP token, and prints back as what parses to the same location.
 */
class CredentialLocationFuzzTest {

  @FuzzTest
  void anyLocation(String text) {
    if (text == null) {
      return;
    }
    CredentialLocation location = CredentialLocation.parse(text);
    if (location == null) {
      return;
    }
    assertFalse(location.name().isEmpty());
    location.name().chars().forEach(c -> assertFalse(c <= ' ' || c >= 127, text));
    CredentialLocation again = CredentialLocation.parse(location.toString());
    assertEquals(location.kind(), again.kind());
    assertEquals(location.name(), again.name());
  }
}
