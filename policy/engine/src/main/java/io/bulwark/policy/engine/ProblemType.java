package io.bulwark.policy.engine;

/** The RFC 9457 problem types Bulwark answers with. Details never reveal the policy's contents. */
enum ProblemType {
  ACCESS_DENIED("access-denied", "Forbidden",
      "The request was denied by the API protection policy."),
  BAD_REQUEST_PATH("bad-request-path", "Bad Request",
      "The request path is malformed or ambiguous"),
  AMBIGUOUS_REQUEST("ambiguous-request", "Bad Request",
      "The request can be read in more than one way"),
  AGENT_ERROR("agent-error", "Service Unavailable",
      "The request could not be checked by the API protection agent, and the policy does not let"
          + " unchecked requests through.");

  final String type;
  final String title;
  final String detail;

  ProblemType(String slug, String title, String detail) {
    this.type = "urn:bulwark:problem:" + slug;
    this.title = title;
    this.detail = detail;
  }
}
