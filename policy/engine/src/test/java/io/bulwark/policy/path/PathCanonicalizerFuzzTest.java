package io.bulwark.policy.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any raw request path: canonicalization never throws, and what it accepts is a canonical path
 * (absolute, no empty, dot or dot-dot segment, no separator or control character inside a segment)
 * that, written with plain characters only, canonicalizes to itself. The kept input {@code encoded-space-and-hash}
 * ({@code /%20#}) was a finding of this test's first, too strict, version of that last property.
 */
class PathCanonicalizerFuzzTest {

  @FuzzTest
  void anyRawPath(FuzzedDataProvider data) {
    String raw = data.consumeRemainingAsString();
    CanonicalPath path = PathCanonicalizer.canonicalize(raw);
    if (path.isRejected()) {
      assertTrue(path.rejection() != null);
      return;
    }
    String canonical = path.path();
    assertTrue(canonical.startsWith("/"), canonical);
    for (String segment : path.segments()) {
      assertFalse(segment.isEmpty() || ".".equals(segment) || "..".equals(segment), canonical);
      assertTrue(segment.indexOf('/') < 0 && segment.indexOf('\\') < 0, canonical);
      segment.chars().forEach(c -> assertTrue(c >= 0x20 && c != 0x7f, canonical));
    }
    if (canonical.chars().allMatch(PathCanonicalizerFuzzTest::plainInRawPaths)) {
      CanonicalPath again = PathCanonicalizer.canonicalize(canonical);
      assertFalse(again.isRejected(), canonical);
      assertEquals(canonical, again.path());
    }
  }

  /**
   * Characters a canonical path may also carry unencoded (RFC 3986 pchar without '%'): a decoded
   * space or '%' is refused when sent raw, so only paths of these characters must read back as
   * themselves.
   */
  private static boolean plainInRawPaths(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~!$&'()*+,=:@/".indexOf(c) >= 0;
  }
}
