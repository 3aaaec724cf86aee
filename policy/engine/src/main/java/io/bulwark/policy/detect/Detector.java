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
}
