package io.bulwark.policy.audit;

/**
 * Every field an audit event can carry, in the order they are written. Names follow the Elastic
 * Common Schema where it has a field for the fact; Bulwark's own facts live under {@code bulwark.}.
 * Fields sharing a parent are adjacent, so each line nests them into one JSON object. New fields go
 * before the {@code bulwark.} group: its chain fields ({@code bulwark.prev}, {@code bulwark.hash})
 * must end every line.
 */
public enum AuditField {
  TIMESTAMP("@timestamp"),
  EVENT_ACTION("event.action"),
  EVENT_REASON("event.reason"),
  EVENT_RULE("event.rule"),
  EVENT_MODE("event.mode"),
  HTTP_REQUEST_ID("http.request.id"),
  HTTP_REQUEST_METHOD("http.request.method"),
  HTTP_REQUEST_HEADERS("http.request.headers"),
  HTTP_RESPONSE_STATUS("http.response.status_code"),
  HTTP_ROUTE("http.route"),
  URL_PATH("url.path"),
  URL_QUERY("url.query"),
  CLIENT_IP("client.ip"),
  USER_ID("user.id"),
  USER_ROLES("user.roles"),
  THREAT_TECHNIQUE("threat.technique"),
  THREAT_LOCATION("threat.location"),
  THREAT_EVIDENCE("threat.evidence"),
  THREAT_REASON("threat.reason"),
  THREAT_LAYER("threat.layer"),
  THREAT_SINK("threat.sink"),
  MESSAGE("message"),
  ERROR_TYPE("error.type"),
  ERROR_MESSAGE("error.message"),
  BULWARK_SCHEMA_VERSION("bulwark.schema_version"),
  BULWARK_SEQ("bulwark.seq"),
  BULWARK_WOULD_STATUS("bulwark.would_status"),
  BULWARK_MATCHED_METHOD("bulwark.matched_method"),
  BULWARK_AUTH_SCHEME("bulwark.auth.scheme"),
  BULWARK_OPERATION("bulwark.operation"),
  BULWARK_PEER_IP("bulwark.peer_ip"),
  BULWARK_RATELIMIT_KEY("bulwark.ratelimit.key"),
  BULWARK_RATELIMIT_LIMITS("bulwark.ratelimit.limits"),
  BULWARK_RATELIMIT_STORE("bulwark.ratelimit.store"),
  BULWARK_RATELIMIT_REQUESTS("bulwark.ratelimit.requests"),
  BULWARK_BAN_UNTIL("bulwark.ban.until"),
  BULWARK_LATENCY_US("bulwark.latency_us"),
  BULWARK_POLICY_SOURCE("bulwark.policy.source"),
  BULWARK_POLICY_SHA256("bulwark.policy.sha256"),
  BULWARK_POLICY_PREVIOUS_SHA256("bulwark.policy.previous_sha256"),
  BULWARK_VERSION("bulwark.version"),
  BULWARK_AUDIT_WRITTEN("bulwark.audit.written"),
  BULWARK_AUDIT_LOST("bulwark.audit.lost"),
  // The chain stays last: the writer sets both, and bulwark.hash must close the line (see AuditChain).
  BULWARK_PREV("bulwark.prev"),
  BULWARK_HASH("bulwark.hash");

  private final String name;
  private final String[] path;

  AuditField(String name) {
    this.name = name;
    this.path = name.split("\\.");
  }

  /** The dotted name, e.g. {@code http.request.id}. */
  public String fieldName() {
    return name;
  }

  String[] path() {
    return path;
  }
}
