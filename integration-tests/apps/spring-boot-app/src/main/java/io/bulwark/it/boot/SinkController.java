package io.bulwark.it.boot;

import io.bulwark.it.app.SinkFamilies;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The vulnerable sink endpoints of the servlet test app, the Spring MVC way. Each catches {@code
 * Exception} and answers 500 itself, as applications do.
 */
@RestController
public class SinkController {

  interface Work {
    String run() throws Exception;
  }

  private static ResponseEntity<String> answer(Work work) {
    try {
      return ResponseEntity.ok(work.run());
    } catch (Exception e) {
      return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body("application error: " + e);
    }
  }

  @GetMapping("/sinks/sql/h2")
  public ResponseEntity<String> sql(@RequestParam("name") String name) {
    return answer(() -> SinkFamilies.sql("h2", name));
  }

  /** The same query from a form field of a multipart body (which the container parses, not the agent). */
  @PostMapping(value = "/sinks/sql/h2", consumes = "multipart/form-data")
  public ResponseEntity<String> sqlFromMultipart(@RequestParam("name") String name) {
    return answer(() -> SinkFamilies.sql("h2", name));
  }

  @PostMapping("/sinks/parameter-map")
  public ResponseEntity<String> parameterMap(HttpServletRequest request) {
    return answer(() -> SinkFamilies.parameterNames(request.getParameterMap()));
  }

  @PostMapping("/sinks/sql/h2-json")
  public ResponseEntity<String> sqlFromJson(HttpServletRequest request) {
    return answer(() -> SinkFamilies.sqlFromJson(request.getInputStream()));
  }

  @GetMapping("/sinks/cmd")
  public ResponseEntity<String> command(@RequestParam("host") String host) {
    return answer(() -> SinkFamilies.command(host));
  }

  @GetMapping("/sinks/file")
  public ResponseEntity<String> file(@RequestParam("name") String name) {
    return answer(() -> SinkFamilies.file(name));
  }

  @GetMapping("/sinks/fetch")
  public ResponseEntity<String> fetch(@RequestParam("url") String url) {
    return answer(() -> SinkFamilies.fetch(url));
  }

  @PostMapping("/sinks/xml")
  public ResponseEntity<String> xml(HttpServletRequest request) {
    return answer(() -> SinkFamilies.xml(request.getInputStream()));
  }

  @GetMapping("/sinks/jndi")
  public ResponseEntity<String> jndi(@RequestParam("name") String name) {
    return answer(() -> SinkFamilies.jndi(name));
  }

  @PostMapping("/sinks/deser")
  public ResponseEntity<String> deserialize(HttpServletRequest request) {
    return answer(() -> SinkFamilies.deserialize(request.getInputStream()));
  }

  @PostMapping("/sinks/deser-own-filter")
  public ResponseEntity<String> deserializeWithOwnFilter(HttpServletRequest request) {
    return answer(() -> SinkFamilies.deserializeWithOwnFilter(request.getInputStream()));
  }

    @GetMapping("/sinks/secret")
  public String secret() {
    return SinkFamilies.SECRET;
  }
}
