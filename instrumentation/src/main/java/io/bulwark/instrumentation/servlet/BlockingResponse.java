package io.bulwark.instrumentation.servlet;

import io.bulwark.bridge.AgentLog;
import io.bulwark.bridge.Decision;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Commits a blocking decision on a servlet response: status, problem+json body, extra headers. The
 * connection stays usable: the body has an exact Content-Length and nothing is closed.
 */
final class BlockingResponse {

  private BlockingResponse() {}

  /** Returns false when the response was already committed and could not be replaced. */
  static boolean commit(ServletApi.Response api, Object response, Decision decision) throws Throwable {
    if ((boolean) api.isCommitted.invokeExact(response)) {
      AgentLog.warn("request " + decision.requestId() + " was blocked after its response was committed;"
          + " the rest of the application's response is suppressed");
      return false;
    }
    api.reset.invokeExact(response);
    api.setStatus.invokeExact(response, decision.status());
    api.setContentType.invokeExact(response, Decision.PROBLEM_JSON);
    for (Map.Entry<String, String> header : decision.headers().entrySet()) {
      api.setHeader.invokeExact(response, header.getKey(), header.getValue());
    }
    byte[] body = decision.body().getBytes(StandardCharsets.UTF_8);
    api.setContentLength.invokeExact(response, body.length);
    try {
      OutputStream out = (OutputStream) api.outputStream.invokeExact(response);
      out.write(body);
      out.flush();
    } catch (IllegalStateException writerInUse) {
      // The application already took the writer and the container kept it after reset(). The
      // writer must encode as UTF-8, or Content-Length (counted in UTF-8 bytes) would be wrong.
      api.setCharacterEncoding.invokeExact(response, "UTF-8");
      PrintWriter writer = (PrintWriter) api.writer.invokeExact(response);
      writer.write(decision.body());
      writer.flush();
    }
    api.flushBuffer.invokeExact(response);
    return true;
  }
}
