package io.bulwark.policy.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.detect.Source;
import org.junit.jupiter.api.Test;

class CleanValuesTest {

  private final CleanValues clean = new CleanValues();

  @Test
  void anEntryIsItsSourceNameAndValueTogether() {
    clean.add(Source.QUERY, "q", "lamp");
    clean.add(Source.JSON, null, "lamp");

    assertTrue(clean.contains(Source.QUERY, "q", "lamp"));
    assertTrue(clean.contains(Source.JSON, null, "lamp"));
    assertFalse(clean.contains(Source.QUERY, "q", "lamp2"));
    assertFalse(clean.contains(Source.QUERY, "other", "lamp"));
    assertFalse(clean.contains(Source.QUERY, null, "lamp"));
    assertFalse(clean.contains(Source.JSON, "q", "lamp"));
    assertFalse(clean.contains(Source.FORM, "q", "lamp"));
  }

  @Test
  void everyEntryIsKeptThroughGrowthUpToTheBound() {
    for (int i = 0; i < CleanValues.MAX + 100; i++) {
      clean.add(Source.JSON, "sku", "LAMP-" + i);
    }
    for (int i = 0; i < CleanValues.MAX; i++) {
      assertTrue(clean.contains(Source.JSON, "sku", "LAMP-" + i), "LAMP-" + i);
    }
    assertFalse(clean.contains(Source.JSON, "sku", "LAMP-" + (CleanValues.MAX + 50)), "nothing is kept beyond the bound");
  }

  @Test
  void aNameInspectedAsItsOwnValueIsFoundByIdentityOrByContent() {
    String key = new String("sku");
    for (int i = 0; i < 20; i++) {
      clean.add(Source.JSON, "k" + i, "k" + i); // more names than the identity memo holds
    }
    clean.add(Source.JSON, key, key);

    assertTrue(clean.contains(Source.JSON, key, key));
    String sameText = new String("sku");
    assertTrue(clean.contains(Source.JSON, sameText, sameText));
    String first = new String("k0");
    assertTrue(clean.contains(Source.JSON, first, first));
    assertFalse(clean.contains(Source.QUERY, key, key));
    assertFalse(clean.contains(Source.JSON, key, "other"));
  }

  @Test
  void longValuesAndNamesAreNotKept() {
    String longValue = "x".repeat(CleanValues.MAX_LENGTH + 1);
    clean.add(Source.QUERY, "q", longValue);
    clean.add(Source.QUERY, longValue, "v");

    assertFalse(clean.contains(Source.QUERY, "q", longValue));
    assertFalse(clean.contains(Source.QUERY, longValue, "v"));
  }
}
