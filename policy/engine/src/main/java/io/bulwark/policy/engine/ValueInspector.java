package io.bulwark.policy.engine;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import java.util.Set;

/** Runs the detectors of the enabled categories over one input value; the first finding, or {@code null}. */
@FunctionalInterface
public interface ValueInspector {

  ValueInspector NONE = (enabled, source, name, value) -> null;

  Finding inspect(Set<Category> enabled, Source source, String name, String value);

  /**
   * As {@link #inspect(Set, Source, String, String)}, with the value's character classes already
   * read by the caller (the request's memo of clean values reads them in its hashing pass).
   *
   * @param valueClasses {@code CharClasses.of(value)}, or {@code CharClasses.NOT_READ}
   */
  default Finding inspect(Set<Category> enabled, Source source, String name, String value, long valueClasses) {
    return inspect(enabled, source, name, value);
  }
}
