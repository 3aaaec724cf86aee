package io.bulwark.policy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.detect.Source;
import io.bulwark.policy.detect.text.CharClasses;
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
    assertFalse(clean.contains(Source.JSON, "sku", "LAMP-" + (CleanValues.MAX + 50)),
        "nothing is kept beyond the bound");
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

  @Test
  void theLookupReadsTheValuesCharacterClassesForTheDetectors() {
    for (String value : new String[] {"lamp", "0x7f000001", "<b onload=x>", "Ünïcode ＜", "a\u2028b", "e\r\n"}) {
      assertFalse(clean.contains(Source.QUERY, "q", value));
      assertEquals(CharClasses.of(value), clean.classesOf(value), value);
      clean.add(Source.QUERY, "q", value);
    }
    assertEquals(CharClasses.NOT_READ, clean.classesOf(new String("lamp")), "only the very value just read");
    String tooLong = "y".repeat(CleanValues.MAX_LENGTH + 1);
    assertFalse(clean.contains(Source.QUERY, "q", tooLong));
    assertEquals(CharClasses.NOT_READ, clean.classesOf(tooLong), "a value the memo does not keep is not read by it");
  }

  @Test
  void anEntryAddedAfterItsLookupIsFoundWhateverCameBetween() {
    for (int i = 0; i < 300; i++) { // through both growths
      String value = "LAMP-" + i;
      assertFalse(clean.contains(Source.JSON, "sku", value));
      if (i % 3 == 0) {
        clean.add(Source.JSON, "other", "between-" + i); // the slot the lookup found may be taken now
      }
      clean.add(Source.JSON, "sku", value);
      if (i % 7 == 0) {
        clean.add(Source.JSON, "sku", "LAMP-" + (i + 1000)); // an add never looked up first
      }
    }
    for (int i = 0; i < 300; i++) {
      assertTrue(clean.contains(Source.JSON, "sku", "LAMP-" + i), "LAMP-" + i);
      assertTrue(i % 3 != 0 || clean.contains(Source.JSON, "other", "between-" + i), "between-" + i);
      assertTrue(i % 7 != 0 || clean.contains(Source.JSON, "sku", "LAMP-" + (i + 1000)), "LAMP-" + (i + 1000));
    }
    assertFalse(clean.contains(Source.JSON, "sku", "LAMP-300"));
  }
}
