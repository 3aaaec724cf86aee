package io.bulwark.policy.sink;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Finding;

/** What a sink check found: the finding, and which input of the request caused it. */
final class SinkFinding {

  final Finding finding;
  /** The input's location ({@code query.id}), or {@code null} when no single input is to blame. */
  final String location;

  SinkFinding(Category category, String reason, String evidence, String location) {
    this.finding = new Finding(category, reason, evidence);
    this.location = location;
  }

  @Override
  public String toString() {
    return finding + " at " + location;
  }
}
