package io.bulwark.it.boot;

import io.bulwark.it.app.Counters;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** /api/users: the routes the test policy's route and operation rules name (Spring MVC patterns). */
@RestController
public class UsersController {

  @GetMapping("/api/users/export")
  public String export() {
    Counters.increment("users-export");
    return "all users";
  }

  @GetMapping("/api/users/{id}")
  public String get(@PathVariable("id") String id) {
    Counters.increment("users");
    return "user " + id;
  }

  @DeleteMapping("/api/users/{id}")
  public String delete(@PathVariable("id") String id) {
    Counters.increment("users-delete");
    return "deleted " + id;
  }
}
