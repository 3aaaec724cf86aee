package io.bulwark.policy.audit.review;

import io.bulwark.policy.audit.AuditChain;
import io.bulwark.policy.audit.JsonLine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the hash chain of audit files ({@code audit verify}): every line must match its own hash,
 * follow the line before it ({@code prev} = that line's hash, {@code seq} one more). Reports the
 * first edited line, removed lines and reordering, each with file and line number.
 */
public final class ChainVerifier {

  /** The outcome: problems in file order (empty when the chain is intact) and what was checked. */
  public static final class Result {
    public final List<String> problems = new ArrayList<>();
    public final List<String> notes = new ArrayList<>();
    public long lines;
    public long firstSeq = -1;
    public long lastSeq = -1;

    public boolean intact() {
      return problems.isEmpty();
    }
  }

  private static final int MAX_REMEMBERED_GAPS = 10_000;

  private final AuditChain chain = new AuditChain();
  private final Result result = new Result();
  private final Map<Long, String> missing = new HashMap<>();
  private boolean started;
  private long lastSeq;
  private String lastHash;
  private String lastWhere;

  private ChainVerifier() {}

  public static Result verify(List<Path> files) throws IOException {
    ChainVerifier verifier = new ChainVerifier();
    AuditLines.read(files, verifier::check);
    return verifier.result;
  }

  private void check(AuditLines.Line line) {
    result.lines++;
    if (line.event == null) {
      problem(line, "not an audit event (not one JSON object): edited, or cut short by a crash");
      return;
    }
    Long seq = JsonLine.number(line.event, "bulwark.seq");
    String prev = JsonLine.text(line.event, "bulwark.prev");
    String hash = JsonLine.text(line.event, "bulwark.hash");
    if (seq == null || !AuditChain.isHash(prev) || !AuditChain.isHash(hash)) {
      problem(line, "not chained (no bulwark.seq, bulwark.prev and bulwark.hash)");
      return;
    }
    if (!hash.equals(chain.recompute(line.text, hash))) {
      problem(line, "edited: the line (seq " + seq + ") does not match its hash");
    }
    if (!started) {
      started = true;
      result.firstSeq = seq;
      if (seq != 1 || !AuditChain.GENESIS.equals(prev)) {
        result.notes.add(line.where() + ": the chain starts at seq " + seq
            + " (earlier lines are in files not given, or were deleted by retention)");
      }
    } else if (seq == lastSeq + 1) {
      if (!prev.equals(lastHash)) {
        problem(line, AuditChain.GENESIS.equals(prev)
            ? "the chain restarts here (seq " + seq + ")"
            : "does not follow " + lastWhere + ": its prev is not that line's hash (a line was replaced,"
                + " or edited and re-hashed)");
      }
    } else if (seq > lastSeq + 1) {
      long from = lastSeq + 1;
      long to = seq - 1;
      problem(line, (to - from + 1) + " line(s) removed before this line (seq "
          + (from == to ? from : from + " to " + to) + " missing)");
      for (long s = from; s <= to && missing.size() < MAX_REMEMBERED_GAPS; s++) {
        missing.put(s, line.where());
      }
    } else {
      String gap = missing.remove(seq);
      problem(line, "out of order: seq " + seq + " after seq " + lastSeq
          + (gap != null ? " (it belongs before " + gap + ": lines were reordered)" : " (duplicated or reordered)"));
      return; // keep following the chain from the line before
    }
    lastSeq = seq;
    lastHash = hash;
    lastWhere = line.where();
    result.lastSeq = seq;
  }

  private void problem(AuditLines.Line line, String message) {
    result.problems.add(line.where() + ": " + message);
  }
}
