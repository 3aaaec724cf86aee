package io.bulwark.policy.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 100 KB values built to find super-linear paths (nested lookups, runs of quotes, tags, escapes,
 * comments): every category and source finishes. The timeout is a hang guard, generous on purpose;
 * no timing is asserted (speed is JMH's job, policy/benchmarks DetectorBenchmark).
 */
class AdversarialInputTest {

  private static final int SIZE = 100_000;
  private static final Set<Category> ALL = EnumSet.allOf(Category.class);

  @ParameterizedTest
  @ValueSource(strings = {
    "'", "\"", "`", "<", "<a ", "<script ", "${", "$", "{", "(", ")(", "*)(", "%", "%25", "%u", "\\u", "\\", "&", "&#",
    "&#x", "&lt", "../", "..", ".", "/", "a;", ";", "|", "$(", "--", "/*", "/*!", "#", "\r\n", "\n", "' or ", "1 or 1=",
    "union select ", "0x", "::", "@@", "$$", "$a$", "e'", "x'", "[", "=", "on", " onx=", "javascript:", "url(",
    "for %a in ", "if exist ", "<!ENTITY ", "<!DOCTYPE x [", "{\"$ne\":", "$where", "http://", "http://127.0.0.1/",
    "() {", "${IFS}", "\\x2e", "%c0%ae",
  })
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void repeatedToOneHundredKilobytesEveryCheckFinishes(String unit) {
    StringBuilder b = new StringBuilder(SIZE + unit.length());
    while (b.length() < SIZE) {
      b.append(unit);
    }
    inspectEverywhere(b.toString());
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 10_000, 50_000})
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void deeplyNestedLookupsFinishAndAreStillFound(int depth) {
    String open = "${".repeat(depth);
    String close = "}".repeat(depth);
    inspectEverywhere(open + close);
    // a JNDI lookup at the bottom of deep nesting is past the followed depth: the outermost are read
    Finding f =
        Detectors.standard().inspect(Category.JNDI, Source.HEADER, "user-agent", "${jndi:ldap://x/a}" + open + close);
    assertNotNull(f);
    assertEquals("jndi.lookup", f.reason());
  }

  @ParameterizedTest
  @ValueSource(strings = {"(", "[", "{", "<"})
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void nestedBracketsFinish(String open) {
    String close = open.equals("(") ? ")" : open.equals("[") ? "]" : open.equals("{") ? "}" : ">";
    inspectEverywhere(open.repeat(SIZE / 2) + close.repeat(SIZE / 2));
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void thousandsOfExecutableCommentMarkersDoNotHideAnInjection() {
    String value = "/*!".repeat(30_000) + "' or 1=1-- ";
    Finding f = Detectors.standard().detector(Category.SQL_INJECTION).inspect(Source.QUERY, "q", value);
    assertNotNull(f, "a stack of /*! markers hid the injection");
  }

  private static void inspectEverywhere(String value) {
    Detectors detectors = Detectors.standard();
    for (Source source : Source.values()) {
      for (Category category : ALL) {
        // the detector itself, not the facade: the facade lets a failing value through, and a
        // failure here (a stack overflow, say) is a way past the detector
        detectors.detector(category).inspect(source, "q", value);
      }
      detectors.inspectAll(ALL, source, value.substring(0, Math.min(200, value.length())), value);
    }
  }
}
