package io.bulwark.it.boot;

import io.bulwark.it.app.Counters;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Callable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;

/** The same endpoints as the plain servlet test app, the Spring MVC way. */
@RestController
public class TestController {

  @GetMapping("/api/hello")
  public String hello(HttpServletRequest request, HttpServletResponse response) {
    Counters.increment("hello");
    Object id = request.getAttribute("bulwark.requestId");
    response.setHeader("X-Seen-Request-Id", id == null ? "none" : id.toString());
    Object principal = request.getAttribute("bulwark.principal");
    response.setHeader("X-Seen-Principal",
        principal instanceof java.security.Principal p ? p.getName() : "none");
    return "hello";
  }

  @GetMapping("/public/**")
  public String publicPage(HttpServletRequest request, HttpServletResponse response) {
    return hello(request, response);
  }

  @RequestMapping("/api/admin/**")
  public String admin() {
    Counters.increment("admin");
    return "admin secret";
  }

  @GetMapping("/forward")
  public ModelAndView forward() {
    return new ModelAndView("forward:/api/hello");
  }

  @GetMapping("/include")
  public void include(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    request.getRequestDispatcher("/api/hello").include(request, response);
  }

  /** Completes through Spring MVC's async dispatch. */
  @GetMapping("/async")
  public Callable<String> async() {
    return () -> {
      Counters.increment("hello");
      return "hello";
    };
  }

  @GetMapping("/boom")
  public void boom(HttpServletResponse response) throws IOException {
    Counters.increment("boom");
    response.sendError(500);
  }

  @GetMapping(value = "/__counts", produces = MediaType.APPLICATION_JSON_VALUE)
  public String counts() {
    return Counters.json();
  }
}
