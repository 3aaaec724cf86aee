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
}
