package io.bulwark.policy.detect;

import static io.bulwark.policy.detect.DetectorAssertions.clean;
import static io.bulwark.policy.detect.DetectorAssertions.flagged;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SSRF: a URL to this machine written without its scheme (CRS 934190 probes with {@code localhost/}). */
class SchemelessLocalUrlTest {

  @ParameterizedTest
  @ValueSource(strings = {"localhost/", "LOCALHOST/admin", "localhost:8080/actuator/env", "127.0.0.1/",
      "127.0.0.1:9200/_cat/indices", "0.0.0.0:2375/containers/json", "[::1]/", "169.254.169.254/latest/meta-data/"})
  void attacks(String value) {
    flagged(Category.SSRF, value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026/12/02", "127/200", "127.5/10", "localhostess/notes", "localhost-dev/readme",
      "0.0/0", "[::1] is the loopback address", "localhost", "127.0.0.1", "10.0.0.1/24", "192.168.1.0/24",
      "Run it on localhost/127.0.0.1 first", "localhost/ is where the dashboard runs"})
  void lookAlikes(String value) {
    clean(Category.SSRF, value);
  }
}
