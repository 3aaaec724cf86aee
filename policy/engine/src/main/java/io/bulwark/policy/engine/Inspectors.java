package io.bulwark.policy.engine;

/** The detectors request inspection runs in the agent. */
final class Inspectors {

  private Inspectors() {}

  static ValueInspector standard() {
    return ValueInspector.NONE; // replaced by the detectors (io.bulwark.policy.detect.Detectors) once merged
  }
}
