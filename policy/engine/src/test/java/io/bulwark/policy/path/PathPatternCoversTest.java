package io.bulwark.policy.path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PathPattern#covers}: the ground for reporting a rule that can never match. */
class PathPatternCoversTest {

  @ParameterizedTest(name = "[{index}] {0} covers {1}")
  @CsvSource(delimiter = '|', textBlock = """
      /**                     | /anything/**
      /**                     | /
      /api/**                 | /api/admin/**
      /api/**                 | /api/admin
      /api/**                 | /api
      /api/**                 | /API/Admin/*
      /api/*                  | /api/admin
      /api/*                  | /api/{id}
      /api/{id}               | /api/*
      /api/*/orders           | /api/v1/orders
      /api/**/orders          | /api/v1/orders
      /api/**/orders          | /api/**/v1/orders
      /**/admin/**            | /x/admin/y
      /**/*/json              | /a/*/json
      /api/admin              | /api/admin/
      /**                     | /**/x/**
      """)
  void widerPatternCoversNarrowerOne(String wider, String narrower) {
    assertTrue(PathPattern.compile(wider).covers(PathPattern.compile(narrower)));
  }

  @ParameterizedTest(name = "[{index}] {0} does not cover {1}")
  @CsvSource(delimiter = '|', textBlock = """
      /api/admin/**           | /api/**
      /api/*                  | /api
      /api/*                  | /api/a/b
      /api/*                  | /api/**
      /api                    | /api/**
      /api/admin              | /api/users
      /*                      | /
      /*/x                    | /**/x
      /a/**/b                 | /a/**
      /**/x                   | /**/x/**
      """)
  void patternDoesNotCoverWhatItDoesNotMatch(String pattern, String other) {
    assertFalse(PathPattern.compile(pattern).covers(PathPattern.compile(other)));
  }

  /**
   * Soundness, exhaustively on a small alphabet: whenever {@code covers} says yes, every path the
   * narrower pattern matches is matched by the wider one. (A wrong yes would reject a valid policy.)
   */
  @Test
  void coversNeverClaimsMoreThanMatchingShows() {
    List<String> patterns = strings(List.of("a", "b", "*", "**", "{v}"), 3).stream()
        .filter(p -> p.indexOf("{v}") == p.lastIndexOf("{v}")).toList();
    List<CanonicalPath> paths = new ArrayList<>();
    for (String path : strings(List.of("a", "b", "c"), 4)) {
      paths.add(PathCanonicalizer.canonicalize(path));
    }
    int recognised = 0;
    for (String w : patterns) {
      PathPattern wider = PathPattern.compile(w);
      for (String n : patterns) {
        PathPattern narrower = PathPattern.compile(n);
        if (!wider.covers(narrower)) {
          continue;
        }
        recognised++;
        for (CanonicalPath path : paths) {
          if (narrower.matches(path)) {
            assertTrue(wider.matches(path), w + " claims to cover " + n + " but misses " + path);
          }
          if (narrower.matches(path, true)) {
            assertTrue(wider.matches(path, true), w + " claims to cover " + n + " (suffixes) but misses " + path);
          }
        }
      }
    }
    assertTrue(recognised > 2000, "covers recognises the common cases: " + recognised);
  }

  /** Every '/'-joined sequence of up to {@code max} tokens, starting with '/'. */
  private static List<String> strings(List<String> tokens, int max) {
    List<String> result = new ArrayList<>(List.of("/"));
    List<String> previous = List.of("");
    for (int length = 1; length <= max; length++) {
      List<String> next = new ArrayList<>();
      for (String prefix : previous) {
        for (String token : tokens) {
          next.add(prefix + "/" + token);
        }
      }
      result.addAll(next);
      previous = next;
    }
    return result;
  }
}
