package io.bulwark.policy.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Source;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharedCleanValuesTest {

  private final ValueInspector inspector = (enabled, source, name, value) -> null;
  private final Set<Category> inspected = EnumSet.of(Category.XSS, Category.SQL_INJECTION);

  @Test
  void aCleanValueIsRememberedOnlyForItsPlaceCategoriesAndInspector() throws InterruptedException {
    assertNotNull(SharedCleanValues.awaitCache(), "the memo is built in the background");
    String agent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0 " + System.nanoTime();
    assertFalse(SharedCleanValues.contains(inspector, inspected, Source.HEADER, "user-agent", agent));

    SharedCleanValues.add(inspector, inspected, Source.HEADER, "user-agent", agent);

    assertTrue(SharedCleanValues.contains(inspector, inspected, Source.HEADER, "user-agent", agent));
    assertFalse(SharedCleanValues.contains(inspector, inspected, Source.HEADER, "referer", agent),
        "another header is another question");
    assertFalse(SharedCleanValues.contains(inspector, EnumSet.copyOf(inspected), Source.HEADER, "user-agent", agent),
        "another policy's categories (another set) are another question");
    assertFalse(SharedCleanValues.contains((e, s, n, v) -> null, inspected, Source.HEADER, "user-agent", agent),
        "another inspector is another question");
  }

  @Test
  void longValuesAreNeverKept() throws InterruptedException {
    SharedCleanValues.awaitCache();
    String longValue = "a".repeat(SharedCleanValues.MAX_LENGTH + 1);
    SharedCleanValues.add(inspector, inspected, Source.HEADER, "x-note", longValue);
    assertFalse(SharedCleanValues.contains(inspector, inspected, Source.HEADER, "x-note", longValue));
  }
}
