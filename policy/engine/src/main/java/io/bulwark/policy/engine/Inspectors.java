package io.bulwark.policy.engine;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Detectors;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import java.util.Set;

/** The detectors request inspection runs in the agent. */
final class Inspectors {

  private Inspectors() {}

  /**
   * The standard detectors, built when the first request is inspected rather than in premain (their
   * tables are not needed before then, and nothing heavy runs at agent start).
   */
  static ValueInspector standard() {
    return new ValueInspector() {
      @Override
      public Finding inspect(Set<Category> enabled, Source source, String name, String value) {
        return Standard.DETECTORS.inspectAll(enabled, source, name, value);
      }

      @Override
      public Finding inspect(Set<Category> enabled, Source source, String name, String value, long valueClasses) {
        return Standard.DETECTORS.inspectAll(enabled, source, name, value, valueClasses);
      }
    };
  }

  private static final class Standard {
    static final Detectors DETECTORS = Detectors.standard();
  }
}
