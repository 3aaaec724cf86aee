package io.bulwark.policy.load;

import io.bulwark.policy.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects the problems of one policy file so they can all be reported in one pass. */
final class Problems {

  private final String file;
  private final List<Problem> found = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  void add(Node at, String message) {
    found.add(new Problem(locate(at), message));
  }

  void add(SourceLocation at, String message) {
    found.add(new Problem(at, message));
  }

  void add(Optional<Mark> at, String message) {
    found.add(new Problem(locate(at), message));
  }

  SourceLocation locate(Node node) {
    return node == null ? new SourceLocation(file, 1, 1) : locate(node.getStartMark());
  }

  SourceLocation locate(Optional<Mark> mark) {
    return mark.map(m -> new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1))
        .orElse(new SourceLocation(file, 1, 1));
  }

  /** How many problems were reported so far. */
  int size() {
    return found.size();
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /** The problems in file order, as an editor would list them. */
  List<Problem> list() {
    List<Problem> sorted = new ArrayList<>(found);
    sorted.sort(java.util.Comparator.comparingInt((Problem p) -> p.location().line())
        .thenComparingInt(p -> p.location().column()));
    return sorted;
  }
}
