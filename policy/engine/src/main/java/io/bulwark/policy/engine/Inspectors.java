package io.bulwark.policy.engine;

import io.bulwark.policy.detect.Detectors;

/** The detectors request inspection runs in the agent. */
final class Inspectors {

  private Inspectors() {}

  static ValueInspector standard() {
    Detectors detectors = Detectors.standard();
    return detectors::inspectAll;
  }
}
