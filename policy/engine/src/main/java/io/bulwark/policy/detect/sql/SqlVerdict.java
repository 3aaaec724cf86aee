package io.bulwark.policy.detect.sql;

/**
 * What a judge of {@link SqlInjectionDetector} found in one reading: the reason, and where in the
 * decoded value the offending part starts and ends.
 */
final class SqlVerdict {
  final String reason;
  final int start;
  final int end;

  SqlVerdict(String reason, int start, int end) {
    this.reason = reason;
    this.start = start;
    this.end = end;
  }
}
