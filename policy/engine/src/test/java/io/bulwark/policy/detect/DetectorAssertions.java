package io.bulwark.policy.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Short assertions for detector tests: what a detector says about one value. */
final class DetectorAssertions {

  private static final Detectors DETECTORS = Detectors.standard();

  private DetectorAssertions() {}

  static Finding flagged(Category category, Source source, String value) {
    Finding finding = DETECTORS.inspect(category, source, "q", value);
    assertNotNull(finding, () -> category + " should flag " + source + " value: " + value);
    assertEquals(category, finding.category());
    assertTrue(finding.reason().startsWith(category.technique() + "."), finding.reason());
    return finding;
  }

  static Finding flagged(Category category, String value) {
    return flagged(category, Source.QUERY, value);
  }

  static void clean(Category category, Source source, String value) {
    Finding finding = DETECTORS.inspect(category, source, "q", value);
    assertNull(finding, () -> category + " flagged benign " + source + " value: " + value + " -> " + finding);
  }

  static void clean(Category category, String value) {
    clean(category, Source.QUERY, value);
  }
}
