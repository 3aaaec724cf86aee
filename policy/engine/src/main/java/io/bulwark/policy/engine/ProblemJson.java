package io.bulwark.policy.engine;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Renders an {@code application/problem+json} body (RFC 9457) with the request id as an extension. */
final class ProblemJson {

  private ProblemJson() {}

  static String render(ProblemType problem, int status, String detail, String requestId) {
    StringBuilder json = new StringBuilder(256);
    json.append("{\"type\":");
    quote(json, problem.type);
    json.append(",\"title\":");
    quote(json, problem.title);
    json.append(",\"status\":").append(status);
    json.append(",\"detail\":");
    quote(json, detail);
    json.append(",\"requestId\":");
    quote(json, requestId);
    return json.append('}').toString();
  }

  private static void quote(StringBuilder json, String text) {
    json.append('"');
    JsonStringEncoder.getInstance().quoteAsString(text, json);
    json.append('"');
  }
}
