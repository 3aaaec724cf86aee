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
 * Failure injection for the tests (installed only with {@code -Dit.faults=true}): a request carrying
 * {@code X-Test-Fault: throw} reaches the filter chain wrapped so that reading its {@code
 * Authorization} header throws, as a broken container, proxy library or other agent might. The
 * application never reads that header, so only Bulwark meets the failure.
 */
public final class FaultValve extends ValveBase {

  public FaultValve() {
    super(true);
  }

  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    if ("throw".equals(request.getHeader("X-Test-Fault"))) {
      request.setRequest(new Throwing(request.getRequest()));
    }
    getNext().invoke(request, response);
  }

  private static final class Throwing extends HttpServletRequestWrapper {
    Throwing(HttpServletRequest request) {
      super(request);
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

    private static void failOn(String name) {
      if ("Authorization".equalsIgnoreCase(name)) {
        throw new IllegalStateException("injected fault: the Authorization header cannot be read");
      }
    }
  }
}
