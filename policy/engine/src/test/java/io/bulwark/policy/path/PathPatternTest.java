package io.bulwark.policy.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPatternTest {

  private static boolean matches(String pattern, String rawPath) {
    CanonicalPath path = PathCanonicalizer.canonicalize(rawPath);
    assertFalse(path.isRejected(), () -> rawPath + " is refused: " + path.rejection());
    return PathPattern.compile(pattern).matches(path);
  }

  @ParameterizedTest(name = "[{index}] {0} matches {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # pattern                  | path
      /                          | /
      /api/admin                 | /api/admin
      /api/admin                 | /api/admin/
      /api/admin                 | //api//admin
      /api/admin                 | /api/./x/../admin
      /api/admin/                | /api/admin
      /api/admin/                | /api/admin/
      /api/*                     | /api/users
      /api/*/orders              | /api/v1/orders
      /*/*                       | /a/b
      /api/**                    | /api
      /api/**                    | /api/users
      /api/**                    | /api/users/42/orders
      /**                        | /
      /**                        | /anything/at/all
      /api/**/admin              | /api/admin
      /api/**/admin              | /api/v1/admin
      /api/**/admin              | /api/a/b/c/admin
      /api/**/admin              | /api/admin/admin
      /**/admin/**               | /admin
      /**/admin/**               | /x/y/admin/z
      /**/a/**/b/**              | /a/b
      /**/a/**/b/**              | /x/a/y/z/b/w
      /**/a/**/b                 | /a/a/b/b
      /**/*/**                   | /x
      /api/users/{id}            | /api/users/42
      /api/{version}/**          | /api/v2/anything/else
      /api/admin                 | /API/ADMIN
      /api/admin                 | /Api/aDmIn
      /API/Admin                 | /api/admin
      /api/admin                 | /%41PI/admin
      /café                      | /caf%C3%A9
      /über                      | /%C3%BCber
      /Über                      | /Über
      /İstanbul                  | /İstanbul
      """)
  void patternMatchesPath(String pattern, String path) {
    assertTrue(matches(pattern, path));
  }

  @ParameterizedTest(name = "[{index}] {0} does not match {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # pattern                  | path
      /                          | /api
      /api/admin                 | /api
      /api/admin                 | /api/admin/x
      /api/admin                 | /api/adminx
      /api/admin                 | /api/admi
      /api/admin                 | /x/api/admin
      /api/*                     | /api
      /api/*                     | /api/a/b
      /api/*/orders              | /api/orders
      /api/*/orders              | /api/a/b/orders
      /api/**                    | /apix
      /api/**                    | /other/api
      /api/**/admin              | /api/admin/x
      /api/**/admin              | /api/v1/administrator
      /**/a/**/b/**              | /b/a
      /**/a/**/b                 | /a/b/c
      /api/users/{id}            | /api/users
      /api/users/{id}            | /api/users/42/orders
      /admin                     | /adm%C4%B1n
      /admin                     | /ADM%C4%B0N
      /keys                      | /%E2%84%AAeys
      /kelvin                    | /%E2%84%AAelvin
      /admin                     | /%EF%BD%81dmin
      """)
  void patternDoesNotMatchPath(String pattern, String path) {
    assertFalse(matches(pattern, path));
  }

  @Test
  void turkishDotlessIAndKelvinSignInThePathDoNotMatchAsciiLiterals() {
    assertFalse(matches("/admin", "/adm\u0131n"));
    assertFalse(matches("/ADMIN", "/ADM\u0130N"));
    assertFalse(matches("/api/keys", "/api/\u212Aeys"));
    assertFalse(matches("/api/keys", "/api/\u212Aeys".toUpperCase(java.util.Locale.ROOT)));
  }

  @Test
  void nonAsciiLettersInAPatternDoNotFoldToAscii() {
    // Kelvin sign lower-cases to 'k' and capital dotted I to "i\u0307" under Unicode rules.
    assertFalse(matches("/\u212Aeys", "/keys"));
    assertFalse(matches("/\u212Aeys", "/KEYS"));
    assertTrue(matches("/\u212Aeys", "/\u212Aeys"));
    assertFalse(matches("/\u0130d", "/id"));
  }

  @Test
  void variablesCaptureTheDecodedSegmentsInPatternOrder() {
    PathPattern pattern = PathPattern.compile("/orgs/{org}/users/{user_id}");

    Map<String, String> captured =
        pattern.capture(PathCanonicalizer.canonicalize("/orgs/acme%20inc/users/caf%C3%A9;jsessionid=1"));

    assertEquals(Map.of("org", "acme inc", "user_id", "caf\u00e9"), captured);
    assertEquals(List.of("org", "user_id"), List.copyOf(captured.keySet()));
    assertEquals(List.of("org", "user_id"), pattern.variables());
  }

  @Test
  void variableAfterDoubleStarCapturesTheSegmentOfTheOnlyMatch() {
    PathPattern pattern = PathPattern.compile("/**/users/{id}");

    assertEquals(Map.of("id", "2"), pattern.capture(PathCanonicalizer.canonicalize("/users/1/users/2")));
    assertEquals(Map.of("id", "7"), pattern.capture(PathCanonicalizer.canonicalize("/a/b/users/7")));
  }

  @Test
  void captureOfAPathThatDoesNotMatchIsNull() {
    assertNull(PathPattern.compile("/api/users/{id}").capture(PathCanonicalizer.canonicalize("/api/orders/1")));
  }

  @Test
  void patternWithoutVariablesCapturesNothing() {
    assertEquals(Map.of(), PathPattern.compile("/api/**").capture(PathCanonicalizer.canonicalize("/api/x")));
  }

  @Test
  void patternPrintsAsWritten() {
    assertEquals("/API/{id}/**/", PathPattern.compile("/API/{id}/**/").toString());
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      # pattern                  | the message says
      ""                         | expected a path starting with '/', e.g. /api/**
      api/**                     | expected a path starting with '/', e.g. /api/**
      *                          | expected a path starting with '/', e.g. /api/**
      /api//users                | empty segment ('//') in path pattern '/api//users'
      //                         | empty segment ('//') in path pattern '//'
      //api                      | empty segment ('//') in path pattern '//api'
      /api//                     | empty segment ('//') in path pattern '/api//'
      /api/{}                    | bad variable '{}' in path pattern '/api/{}'; expected {name} with letters, digits and '_'
      /api/{1id}                 | bad variable '{1id}'
      /api/{user-id}             | expected {name} with letters, digits and '_'
      /api/{ id }                | bad variable '{ id }'
      /api/{id                   | unexpected '{' in segment '{id' of path pattern '/api/{id'; expected a literal segment, '*', '**' or '{name}'
      /a/{id}/b/{id}             | variable {id} appears twice in '/a/{id}/b/{id}'
      /a%2fb                     | unexpected '%' in segment 'a%2fb'
      /caf%C3%A9                 | (write literals decoded, without percent-encoding)
      /admin;x=y                 | unexpected ';' in segment 'admin;x=y'
      /a\\b                      | unexpected '\\' in segment 'a\\b'
      /a b                       | unexpected ' '
      /a?b                       | unexpected '?'
      /a#b                       | unexpected '#'
      /files/*.json              | unexpected '*' in segment '*.json' of path pattern '/files/*.json'; expected a literal segment, '*', '**' or '{name}'
      /files/***                 | unexpected '*' in segment '***'
      /a/../b                    | dot segment '..' in path pattern '/a/../b'; write the path as the client's canonical path
      /./a                       | dot segment '.' in path pattern '/./a'
      """)
  void compileErrorSaysWhatWasExpected(String pattern, String message) {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PathPattern.compile(pattern));

    assertTrue(error.getMessage().contains(message), () -> "message was: " + error.getMessage());
  }

  @Test
  void nullPatternIsACompileError() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PathPattern.compile(null));

    assertTrue(error.getMessage().startsWith("expected a path starting with '/'"), error.getMessage());
  }

  @Test
  void manyDoubleStarsAgainstALongPathThatDoesNotMatchFinishQuickly() {
    // Ten '**' each followed by 'a', then 'b': a backtracking matcher tries C(200, 10) splits.
    PathPattern pattern = PathPattern.compile("/**/a".repeat(10) + "/b");
    CanonicalPath noMatch = PathCanonicalizer.canonicalize("/a".repeat(200));
    CanonicalPath match = PathCanonicalizer.canonicalize("/a".repeat(200) + "/b");

    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      assertFalse(pattern.matches(noMatch));
      assertTrue(pattern.matches(match));
    });
  }

  @Test
  void manyDoubleStarsWithVariablesAgainstALongPathFinishQuickly() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      text.append("/**/{x").append(i).append('}');
    }
    PathPattern pattern = PathPattern.compile(text + "/end");
    CanonicalPath noMatch = PathCanonicalizer.canonicalize("/seg".repeat(200));

    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertNull(pattern.capture(noMatch)));
  }
}
