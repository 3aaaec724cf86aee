package io.bulwark.policy.engine;

import io.bulwark.policy.detect.Finding;

/** A detection in one input of the request: what was found, where, and what of it is shown in the audit. */
final class Threat {

  /** Evidence in audit events is cut to this many characters. */
  static final int MAX_EVIDENCE = 120;

  final Finding finding;
  final String location;
  final String evidence;

  Threat(Finding finding, String location, boolean sensitive) {
    this.finding = finding;
    this.location = location;
    String raw = finding.evidence();
    this.evidence = sensitive ? io.bulwark.policy.audit.Redactor.MASK
        : raw.length() <= MAX_EVIDENCE ? raw : raw.substring(0, cut(raw)) ;
  }

  /** 120 characters, without splitting a surrogate pair. */
  private static int cut(String raw) {
    return Character.isHighSurrogate(raw.charAt(MAX_EVIDENCE - 1)) ? MAX_EVIDENCE - 1 : MAX_EVIDENCE;
  }

  /** {@code injection.<technique>}, the audit's event.reason. */
  String reason() {
    return "injection." + finding.category().technique();
  }
}
