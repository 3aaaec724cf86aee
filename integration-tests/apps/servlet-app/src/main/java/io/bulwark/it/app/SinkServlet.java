package io.bulwark.it.app;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code /sinks/*}: the vulnerable endpoints of {@link SinkFamilies}. Like many applications it
 * catches {@code Exception} around the work and answers 500 with its own message.
 */
public final class SinkServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String family = request.getPathInfo() == null ? "" : request.getPathInfo();
    String answer;
    try {
      switch (family) {
        case "/sql/h2":
        case "/sql/postgres":
        case "/sql/mariadb":
          answer = SinkFamilies.sql(family.substring(5), request.getParameter("name"));
          break;
        case "/sql/h2-json":
          answer = SinkFamilies.sqlFromJson(request.getInputStream());
          break;
        case "/cmd":
          answer = SinkFamilies.command(request.getParameter("host"));
          break;
        case "/file":
          answer = SinkFamilies.file(request.getParameter("name"));
          break;
        case "/fetch":
          answer = SinkFamilies.fetch(request.getParameter("url"));
          break;
        case "/xml":
          answer = SinkFamilies.xml(request.getInputStream());
          break;
        case "/jndi":
          answer = SinkFamilies.jndi(request.getParameter("name"));
          break;
        case "/deser":
          answer = SinkFamilies.deserialize(request.getInputStream());
          break;
        case "/deser-own-filter":
          answer = SinkFamilies.deserializeWithOwnFilter(request.getInputStream());
          break;
        case "/parameter-map":
          answer = SinkFamilies.parameterNames(request.getParameterMap());
          break;
        case "/secret":
          answer = SinkFamilies.SECRET;
          break;
        default:
          response.sendError(404);
          return;
      }
    } catch (Exception e) {
      response.setStatus(500);
      response.setContentType("text/plain");
      response.getWriter().write("application error: " + e);
      return;
    }
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().write(answer);
  }
}
