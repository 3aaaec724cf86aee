package io.bulwark.policy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bulwark.policy.detect.Category;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class WarmUpTest {

  /** A sample that a detector dismissed at its screen would leave that detector's tables cold. */
  @Test
  void everyDetectorRunsItsFullPathOnItsSample() {
    assertEquals(EnumSet.allOf(Category.class), WarmUp.run());
  }
}
