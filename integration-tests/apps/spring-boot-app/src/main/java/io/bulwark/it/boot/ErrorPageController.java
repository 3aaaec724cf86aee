package io.bulwark.it.boot;

import io.bulwark.it.app.Counters;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Spring Boot's error page, reached through the container's ERROR dispatch. */
@RestController
public class ErrorPageController implements ErrorController {

  @RequestMapping("/error")
  public String error() {
    Counters.increment("error-page");
    return "error page";
  }
}
