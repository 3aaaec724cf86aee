package io.bulwark.policy.engine;

/** The RFC 9457 problem types Bulwark answers with. Details never reveal the policy's contents. */
enum ProblemType {
  ACCESS_DENIED("access-denied", "Forbidden",
      "The request was denied by the API protection policy."),
  UNAUTHENTICATED("unauthenticated", "Unauthorized",
      "The request lacks valid credentials for this resource."),
  AUTH_UNAVAILABLE("auth-unavailable", "Service Unavailable",
      "The request's credentials cannot be checked right now; try again later."),
  BAD_CREDENTIALS("bad-credentials", "Bad Request",
      "The request's credentials are sent in a malformed way."),
  BAD_REQUEST_PATH("bad-request-path", "Bad Request",
      "The request path is malformed or ambiguous"),
  AMBIGUOUS_REQUEST("ambiguous-request", "Bad Request",
      "The request can be read in more than one way"),
  INJECTION("injection", "Forbidden",
      "The request was refused because an input looks like an injection attack."),
  BODY_TOO_LARGE("body-too-large", "Content Too Large",
      "The request body is larger than the API protection policy allows."),
  JSON_TOO_DEEP("json-too-deep", "Bad Request",
      "The request's JSON body is nested deeper than the API protection policy allows."),
  TOO_MANY_PARAMETERS("too-many-parameters", "Bad Request",
      "The request has more parameters than the API protection policy allows."),
  TOO_MANY_HEADERS("too-many-headers", "Request Header Fields Too Large",
      "The request has more header fields than the API protection policy allows."),
  RATE_LIMITED("rate-limited", "Too Many Requests",
      "The request exceeds a rate limit; retry after the time in the Retry-After header."),
  CLIENT_BANNED("client-banned", "Too Many Requests",
      "The client is refused for a while after too many failed or refused requests; retry after the time in"
          + " the Retry-After header."),
  RATE_LIMIT_UNAVAILABLE("rate-limit-unavailable", "Service Unavailable",
      "The request's rate limit cannot be checked right now; try again later."),
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
