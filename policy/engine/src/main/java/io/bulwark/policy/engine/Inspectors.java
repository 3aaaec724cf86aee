package io.bulwark.policy.engine;

import io.bulwark.policy.detect.Detectors;

/** The detectors request inspection runs in the agent. */
final class Inspectors {

  private Inspectors() {}

  /**
   * The standard detectors, built when the first request is inspected rather than in premain (their
   * tables are not needed before then, and nothing heavy runs at agent start).
   */
  static ValueInspector standard() {
    return (enabled, source, name, value) -> Standard.DETECTORS.inspectAll(enabled, source, name, value);
  }

  private static final class Standard {
    static final Detectors DETECTORS = Detectors.standard();
  }
}
