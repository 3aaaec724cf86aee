package io.bulwark.instrumentation;

import java.util.List;

/**
 * Advice for every class that implements an interface or extends a class, whoever wrote it: the
 * JDBC drivers' statements and connections. Matching by hierarchy costs more than by name, so a
 * class is only considered when its class file mentions {@link #classfileMarker()} (a byte search
 * on classes of application loaders) and, if so, its super types are resolved once.
 */
public interface HierarchyInstrumentation extends TypeInstrumentation {

  /** Binary names of the super types; every non-interface class below one of them is advised. */
  List<String> superTypeNames();

  /** {@link #superTypeNames()} as class files name them ({@code java/sql/Statement}). */
  default java.util.Set<String> superTypeInternalNames() {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (String name : superTypeNames()) {
      names.add(name.replace('.', '/'));
    }
    return names;
  }

  /** Text every candidate's class file contains, e.g. {@code java/sql/}. */
  String classfileMarker();

  @Override
  default List<String> typeNames() {
    return List.of();
  }
}
