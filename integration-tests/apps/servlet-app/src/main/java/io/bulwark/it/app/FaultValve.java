package io.bulwark.it.app;

import java.io.IOException;
import java.util.Enumeration;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Failure injection for the tests (installed only with {@code -Dit.faults=true}), as a broken
 * container, proxy library or other agent might fail: a request carrying {@code X-Test-Fault: throw}
 * reaches the filter chain wrapped so that listing its header names throws (the engine's input
 * inspection counts them; an engine failure); with {@code X-Test-Fault: credential}, reading its
 * {@code Authorization} header throws (a failure while checking the credential). The application
 * does neither, so only Bulwark meets the failure.
 */
public final class FaultValve extends ValveBase {

  public FaultValve() {
    super(true);
  }

  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    String fault = request.getHeader("X-Test-Fault");
    if ("throw".equals(fault) || "credential".equals(fault)) {
      request.setRequest(new Throwing(request.getRequest(), "credential".equals(fault)));
    }
    getNext().invoke(request, response);
  }

  private static final class Throwing extends HttpServletRequestWrapper {
    private final boolean credential;

    Throwing(HttpServletRequest request, boolean credential) {
      super(request);
      this.credential = credential;
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      if (!credential) {
        throw new IllegalStateException("injected fault: the header names cannot be listed");
      }
      return super.getHeaderNames();
    }

    @Override
    public String getHeader(String name) {
      failOn(name);
      return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      failOn(name);
      return super.getHeaders(name);
    }

    private void failOn(String name) {
      if (credential && "Authorization".equalsIgnoreCase(name)) {
        throw new IllegalStateException("injected fault: the Authorization header cannot be read");
      }
    }
  }
}
