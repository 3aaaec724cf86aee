package io.bulwark.policy.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bulwark.policy.detect.text.CharClasses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Detector#triggers} is a promise {@link Detectors#inspectAll} acts on by not calling the
 * detector: every value the corpus holds (attacks of every paranoia level, benign samples) that a
 * detector flags holds one of its trigger classes, in the value or the name.
 */
class TriggerScreenTest {

  @Test
  void noFlaggedCorpusValueLacksItsDetectorsTriggers() throws Exception {
    Path dir = DetectionCorpus.directory();
    assumeTrue(dir != null,
        "../shared/corpus is absent: the trigger screens are checked against the curated samples only");
    List<DetectionCorpus.Sample> samples = new ArrayList<>(DetectionCorpus.curatedBenign());
    for (int level = 1; level <= 4; level++) {
      samples.addAll(DetectionCorpus.crs(dir, level));
    }
    samples.addAll(DetectionCorpus.libinjection(dir));
    samples.addAll(DetectionCorpus.httpParams(dir));
    Detectors detectors = Detectors.standard();
    int flagged = 0;
    List<String> escaped = new ArrayList<>();
    for (DetectionCorpus.Sample sample : samples) {
      for (DetectionCorpus.Input input : sample.inputs()) {
        long classes = CharClasses.of(input.value()) | (input.name() == null ? 0 : CharClasses.of(input.name()));
        for (Category category : Category.values()) {
          Detector detector = detectors.detector(category);
          long triggers = detector.triggers();
          if (triggers == 0 || detector.inspect(input.source(), input.name(), input.value()) == null) {
            continue;
          }
          flagged++;
          if ((classes & triggers) == 0) {
            escaped.add(category + " " + input);
          }
        }
      }
    }
    assertEquals(List.of(), escaped, "flagged without any trigger class (" + flagged + " findings checked)");
  }
}
