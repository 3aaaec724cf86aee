package io.bulwark.policy.detect;

/**
 * One category's check of one input value. Implementations are stateless and thread-safe, run in
 * time linear in the value's length (no backtracking regex), and never throw for any input.
 */
public interface Detector {

  Category category();

  /**
   * Inspects one value.
   *
   * @param source where the value came from
   * @param name the parameter, header, cookie or JSON key name (decoded), or {@code null}
   * @param value the value as the application will see it (already URL-decoded once by the container
   *     for parameters); the detector applies its own further decoding (repeated URL decoding,
   *     entities, escapes) as its category needs
   * @return what was found, or {@code null} when the value is clean
   */
  Finding inspect(Source source, String name, String value);

  /**
   * {@link #inspect(Source, String, String)} with the value's decoded form shared with the other
   * detectors of the same value: the same answer, for less work when several detectors decode the
   * same way. Detectors that decode otherwise keep this default.
   */
  default Finding inspect(Source source, String name, String value, ValueScan scan) {
    return inspect(source, name, value);
  }

  /**
   * The {@link io.bulwark.policy.detect.text.CharClasses} this detector's screen is exact for: a
   * value and a name that together hold none of them are never flagged, whatever the source, so
   * {@link Detectors} skips the call. 0 (the default) when the detector has no such screen.
   */
  default long triggers() {
    return 0;
  }
}
