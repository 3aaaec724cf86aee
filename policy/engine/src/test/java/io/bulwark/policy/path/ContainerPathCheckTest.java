package io.bulwark.policy.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerPathCheckTest {

  private static boolean agrees(String raw, String container) {
    CanonicalPath canonical = PathCanonicalizer.canonicalize(raw);
    assertFalse(canonical.isRejected(), raw);
    return ContainerPathCheck.agrees(raw, canonical, container);
  }

  /** What Tomcat, Jetty and Spring Boot report for spellings Bulwark accepts: always the same segments. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      /api/admin/users              | /api/admin/users
      /api/./admin/users            | /api/admin/users
      /api/x/../admin/users         | /api/admin/users
      //api//admin//users           | /api/admin/users
      /api/admin;x=y/users          | /api/admin/users
      /api/%61dmin/users            | /api/admin/users
      /caf%C3%A9                    | /café
      /api/admin/users/             | /api/admin/users/
      /a%20b                        | /a b
      /app;jsessionid=1/x/%7E       | /app;jsessionid=1/x/~
      /my%20app/x/%7E               | /my%20app/x/~
      /ctx/./x/%7E                  | /ctx/./x/~
      """)
  void sameSegmentsAgree(String raw, String container) {
    assertTrue(agrees(raw, container), raw + " vs " + container);
  }

  /** A container reading the bytes in another charset, or routing elsewhere, disagrees. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      /caf%C3%A9                    | /cafÃ©
      /api/%61dmin/users            | /api/Admin/users
      /api/x/../admin               | /api/x/admin
      /api/admin%20/users           | /api/admin/users
      /a/b/%7E                      | /a/~
      /a/b/%7E                      | /a/b/~/c
      """)
  void differentSegmentsDisagree(String raw, String container) {
    assertFalse(agrees(raw, container), raw + " vs " + container);
  }

  @Test
  void directoryRequestMayBeMappedToItsWelcomeFile() {
    assertTrue(agrees("/docs/./", "/docs/index.jsp"));
    assertTrue(agrees("/%64ocs/", "/docs/index.html"));
    assertFalse(agrees("/%64ocs", "/docs/index.html"), "only a directory request has a welcome file");
    assertFalse(agrees("/%64ocs/", "/docs/a/index.html"));
  }

  @Test
  void plainPathsAreNotComparedAtAll() {
    // Nothing to decode or resolve: the container cannot have read these differently.
    assertTrue(agrees("/api/admin/users", "/somewhere/else"));
    assertTrue(agrees("/api/admin/", "/x"));
    for (String raw : List.of("/", "/a", "/a/", "/a.b/c..d/.e", "/a-b_c~d/e+f!g")) {
      assertTrue(PathCanonicalizer.canonicalize(raw).isPlain(), raw);
    }
    for (String raw : List.of("/a//b", "//a", "/a/./b", "/a/../b", "/a/.", "/a/..", "/a;b", "/a%20", "/a//", "/.")) {
      assertFalse(PathCanonicalizer.canonicalize(raw).isPlain(), raw);
    }
  }

  @Test
  void noContainerViewAgrees() {
    assertTrue(agrees("/api/%61dmin", null));
    assertTrue(agrees("/api/%61dmin", ""));
  }

  @Test
  void containerSegmentsAreDecodedResolvedAndStrippedOfParameters() {
    assertEquals(List.of("my app", "x", "~"), ContainerPathCheck.segments("/my%20app;v=1/./y/../x/~"));
    assertEquals(List.of("100%", "%zz"), ContainerPathCheck.segments("/100%/%zz"));
    assertEquals(List.of("\uD83D\uDE00"), ContainerPathCheck.segments("/\uD83D\uDE00"));
  }
}
