package io.bulwark.policy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.path.PathCanonicalizer;
import io.bulwark.policy.path.PathPattern;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleMatchTest {

  private static RuleMatch match(String path, Set<String> methods) {
    return RuleMatch.builder(PathPattern.compile(path)).methods(methods).build();
  }

  @Test
  void methodsAreComparedInUpperCaseAndHeadIsGet() {
    RuleMatch get = match("/x", Set.of("GET"));
    for (String method : List.of("GET", "get", "Get", "HEAD", "head")) {
      assertTrue(get.matches(method, PathCanonicalizer.canonicalize("/x")), method);
    }
    assertFalse(get.matches("POST", PathCanonicalizer.canonicalize("/x")));
    assertFalse(get.matches("OPTIONS", PathCanonicalizer.canonicalize("/x")));
    assertTrue(match("/x", Set.of()).matches("OPTIONS", PathCanonicalizer.canonicalize("/x")));
    assertFalse(match("/x", Set.of("HEAD")).matches("GET", PathCanonicalizer.canonicalize("/x")));
  }

  @Test
  void methodCoverageFollowsHeadAsGet() {
    assertTrue(match("/x", Set.of("GET")).covers(match("/x", Set.of("HEAD"))));
    assertTrue(match("/x", Set.of("GET", "POST")).covers(match("/x", Set.of("GET"))));
    assertFalse(match("/x", Set.of("HEAD")).covers(match("/x", Set.of("GET"))));
    assertFalse(match("/x", Set.of("GET")).covers(match("/x", Set.of())));
    assertTrue(match("/x", Set.of()).covers(match("/x", Set.of("DELETE"))));
  }

  @ParameterizedTest
  @CsvSource({
      "Api.Example.COM, api.example.com",
      "api.example.com:8443, api.example.com",
      "api.example.com., api.example.com",
      "' api.example.com ', api.example.com",
      "127.0.0.1:8080, 127.0.0.1",
      "'[::1]:8080', '[::1]'",
      "'[2001:DB8::1]', '[2001:db8::1]'"})
  void hostHeadersAreNormalized(String header, String host) {
    assertEquals(host, HostPattern.normalize(header));
  }

  @ParameterizedTest
  @CsvSource({"a.example.com:port", "a.example.com:", "'a b'", "a/b", "'[::1'", "'[::1]x'", "a..b", "-a.com",
      "a.com:123456", "'a\u0131.com'", "''"})
  void invalidHostHeadersAreNotHosts(String header) {
    assertNull(HostPattern.normalize(header));
  }

  @Test
  void hostPatternsMatchExactlyOrBelowADomain() {
    HostPattern exact = HostPattern.parse("API.example.com");
    HostPattern below = HostPattern.parse("*.example.com");
    assertTrue(exact.matches("api.example.com"));
    assertFalse(exact.matches("www.api.example.com"));
    assertTrue(below.matches("a.b.example.com"));
    assertFalse(below.matches("example.com"));
    assertFalse(below.matches("badexample.com"));
    assertTrue(below.covers(exact));
    assertTrue(below.covers(HostPattern.parse("*.x.example.com")));
    assertFalse(exact.covers(below));
    assertThrows(IllegalArgumentException.class, () -> HostPattern.parse("*.*.example.com"));
    assertThrows(IllegalArgumentException.class, () -> HostPattern.parse("a.example.com:80"));
  }

  @Test
  void headerConditionsNeedOneOfTheirValues() {
    RuleMatch match = RuleMatch.builder(PathPattern.compile("/x"))
        .header(new HeaderCondition("X-Api-Version", Set.of("1", "2"))).build();
    assertTrue(match.matches(new RequestFacts("GET", PathCanonicalizer.canonicalize("/x"), null,
        Map.of("x-api-version", "2")), false));
    assertFalse(match.matches(new RequestFacts("GET", PathCanonicalizer.canonicalize("/x"), null,
        Map.of("x-api-version", "3")), false));
    assertFalse(match.matches(RequestFacts.of("GET", PathCanonicalizer.canonicalize("/x")), false));
  }
}
