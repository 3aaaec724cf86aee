package io.bulwark.policy.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bulwark.policy.detect.text.CharClasses;
import java.util.EnumSet;
import java.util.Set;

/**
 * Any value from any source, any name: every detector answers without throwing (the facade would
 * swallow and log it, so the detectors are called directly), and a finding names its own category
 * with a reason under the category's technique, and only when the value or the name holds one of
 * the detector's trigger characters (which {@link Detectors#inspectAll} skips it without).
 */
class DetectorsFuzzTest {

  private static final Set<Category> ALL = EnumSet.allOf(Category.class);

  @FuzzTest
  void anyValue(FuzzedDataProvider data) {
    Source source = data.pickValue(Source.values());
    String name = data.consumeBoolean() ? null : data.consumeString(40);
    String value = data.consumeRemainingAsString();
    Detectors detectors = Detectors.standard();
    for (Category category : ALL) {
      Finding finding = detectors.detector(category).inspect(source, name, value);
      if (finding != null) {
        assertEquals(category, finding.category());
        assertTrue(finding.reason().startsWith(category.technique() + "."), finding.reason());
        long triggers = detectors.detector(category).triggers();
        long classes = CharClasses.of(value) | (name == null ? 0 : CharClasses.of(name));
        assertTrue(triggers == 0 || (classes & triggers) != 0,
            category + " flagged a value without its trigger characters");
      }
    }
    detectors.inspectAll(ALL, source, name, value);
  }
}
