package io.bulwark.it.app;

import java.io.IOException;
import javax.servlet.AsyncContext;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** The endpoints every test server offers; each counts its invocations. */
final class TestServlets {

  private TestServlets() {}

  static void text(HttpServletResponse response, String body) throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().write(body);
  }

  /** GET /api/hello, /public/*: the allowed route. Echoes the request id Bulwark published. */
  static final class Hello extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      Counters.increment("hello");
      Object id = request.getAttribute("bulwark.requestId");
      response.setHeader("X-Seen-Request-Id", id == null ? "none" : id.toString());
      response.setHeader("X-Seen-Principal", principal(request));
      text(response, "hello");
    }
  }

  /** The principal Bulwark verified, as any application can read it: a java.security.Principal. */
  static String principal(HttpServletRequest request) {
    Object principal = request.getAttribute("bulwark.principal");
    return principal instanceof java.security.Principal ? ((java.security.Principal) principal).getName() : "none";
  }

  /** /api/admin/*: the route the test policy denies. */
  static final class Admin extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      Counters.increment("admin");
      text(response, "admin secret");
    }
  }

  static final class Forward extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException, ServletException {
      request.getRequestDispatcher("/api/hello").forward(request, response);
    }
  }

  static final class Include extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException, ServletException {
      request.getRequestDispatcher("/api/hello").include(request, response);
    }
  }

  /** Completes through an ASYNC dispatch to /api/hello, on a container thread. */
  static final class Async extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
      AsyncContext async = request.startAsync();
      async.dispatch("/api/hello");
    }
  }

  /** Triggers an ERROR dispatch to the error page. */
  static final class Boom extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      Counters.increment("boom");
      response.sendError(500);
    }
  }

  static final class ErrorPage extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      Counters.increment("error-page");
      text(response, "error page");
    }
  }

  static final class Counts extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.setContentType("application/json");
      response.getWriter().write(Counters.json());
    }
  }
}
