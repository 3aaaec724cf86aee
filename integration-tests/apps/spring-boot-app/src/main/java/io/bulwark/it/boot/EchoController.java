package io.bulwark.it.boot;

import io.bulwark.it.app.Counters;
import io.bulwark.it.app.Echo;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What Spring MVC's own body and parameter binding hand a controller, once Bulwark has read the body. */
@RestController
public class EchoController {

  @PostMapping("/mvc/echo")
  public String body(@RequestBody byte[] body) {
    Counters.increment("echo");
    return Echo.digest(body);
  }

  @PostMapping(path = "/mvc/form", consumes = "application/x-www-form-urlencoded")
  public String form(@RequestParam Map<String, String> parameters) {
    Counters.increment("echo");
    StringBuilder lines = new StringBuilder();
    new TreeMap<>(parameters).forEach((name, value) -> lines.append(name).append('=').append(value).append('\n'));
    return lines.toString();
  }
}
