package io.bulwark.policy.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The audit file on disk: appends, rotates by size ({@code audit.jsonl} becomes {@code
 * audit.jsonl.000001}, then {@code .000002}...; a rotated file is never renamed again) and deletes
 * the oldest rotated files beyond the retention count. Used by the writer thread only (callers
 * synchronize).
 */
final class AuditFileSink {

  /** Where the chain left off on disk: the last line's number and hash. */
  static final class Link {
    final long seq;
    final String hash;

    Link(long seq, String hash) {
      this.seq = seq;
      this.hash = hash;
    }
  }

  private static final int TAIL_BYTES = 1 << 20;
  /** The {@link #pathLock} of each audit file: one entry per file a policy named, a handful. */
  private static final java.util.concurrent.ConcurrentHashMap<Path, Object> PATH_LOCKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Path file;
  /**
   * Shared by every sink of this JVM writing the same file: after a reload that moves the audit to
   * another file and back, the retiring writer (late events) and the new one may both append to it.
   * Each batch is one append, but a sink opening the file while another's append is in progress
   * could see a partly grown file, take it for a line cut short and "repair" it with a newline: an
   * empty line in the trail. Opening and writing under this lock rules that out.
   */
  private final Object pathLock;
  private final long maxSize;
  private final int maxFiles;
  private FileChannel channel;
  private long size;

  AuditFileSink(Path file, long maxSize, int maxFiles) {
    this.file = file;
    this.pathLock = PATH_LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), path -> new Object());
    this.maxSize = maxSize;
    this.maxFiles = maxFiles;
  }

  Path file() {
    return file;
  }

  /**
   * True when a line of {@code line} bytes, after {@code pending} bytes not yet written, would take a
   * non-empty file past the rotation size (a single line larger than that still gets a file).
   */
  boolean needsRotation(long pending, long line) throws IOException {
    ensureOpen();
    return maxSize > 0 && size + pending > 0 && size + pending + line > maxSize;
  }

  void write(byte[] bytes, int length) throws IOException {
    ensureOpen();
    ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
    synchronized (pathLock) {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
    size += length;
  }

  /** Forces what was written to the disk. */
  void force() throws IOException {
    if (channel != null) {
      channel.force(false);
    }
  }

  /** Closes the file, renames it to the next rotated name and deletes rotated files beyond retention. */
  void rotate() throws IOException {
    close();
    TreeMap<Long, Path> rotated = rotatedFiles(file);
    long next = rotated.isEmpty() ? 1 : rotated.lastKey() + 1;
    Path target = file.resolveSibling(file.getFileName() + "." + String.format("%06d", next));
    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    rotated.put(next, target);
    while (rotated.size() > maxFiles) {
      Files.deleteIfExists(rotated.pollFirstEntry().getValue());
    }
  }

  void close() throws IOException {
    FileChannel open = channel;
    channel = null;
    if (open != null) {
      try {
        open.force(false);
      } finally {
        open.close();
      }
    }
  }

  /** Closes without forcing, after a failure: nothing more can be saved. */
  void abandon() {
    FileChannel open = channel;
    channel = null;
    if (open != null) {
      try {
        open.close();
      } catch (IOException ignored) {
        // the events concerned were counted lost by the caller
      }
    }
  }

  private void ensureOpen() throws IOException {
    if (channel != null) {
      return;
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      Files.createDirectories(parent);
    }
    synchronized (pathLock) {
      FileChannel opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
      try {
        size = Files.isRegularFile(file) ? opened.size() : 0;
        if (size > 0 && !endsWithNewline(file, size)) {
          // A line cut short (a crash, a full disk): end it so the next line starts clean.
          opened.write(ByteBuffer.wrap(new byte[] {'\n'}));
          size++;
        }
      } catch (IOException | RuntimeException e) {
        opened.close();
        throw e;
      }
      channel = opened;
    }
  }

  private static boolean endsWithNewline(Path file, long size) throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      in.seek(size - 1);
      return in.read() == '\n';
    }
  }

  /** Rotated files of {@code file} by index: {@code audit.jsonl.000001} is 1. */
  static TreeMap<Long, Path> rotatedFiles(Path file) throws IOException {
    TreeMap<Long, Path> rotated = new TreeMap<>();
    Path dir = file.toAbsolutePath().getParent();
    String prefix = file.getFileName() + ".";
    if (dir == null || !Files.isDirectory(dir)) {
      return rotated;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob(prefix) + "*")) {
      for (Path entry : entries) {
        String suffix = entry.getFileName().toString().substring(prefix.length());
        if (!suffix.isEmpty() && suffix.length() <= 18 && suffix.chars().allMatch(c -> c >= '0' && c <= '9')) {
          rotated.put(Long.parseLong(suffix), entry);
        }
      }
    }
    return rotated;
  }

  private static String glob(String literal) {
    StringBuilder out = new StringBuilder();
    for (char c : literal.toCharArray()) {
      if ("*?[]{}\\".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * Where the chain left off: the last chained line of the file, or of the newest rotated file when
   * the file is empty or missing; {@code null} when there is none (a new chain starts).
   */
  static Link lastLink(Path file) {
    try {
      if (Files.isRegularFile(file) && Files.size(file) > 0) {
        Link link = lastLinkIn(file);
        if (link != null) {
          return link;
        }
      }
      TreeMap<Long, Path> rotated = rotatedFiles(file);
      for (Map.Entry<Long, Path> entry : rotated.descendingMap().entrySet()) {
        Link link = lastLinkIn(entry.getValue());
        if (link != null) {
          return link;
        }
      }
    } catch (IOException | RuntimeException e) {
      // unreadable: a new chain starts, and verify will show where
    }
    return null;
  }

  private static Link lastLinkIn(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    long size = Files.size(file);
    int length = (int) Math.min(size, TAIL_BYTES);
    byte[] tail = new byte[length];
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      in.seek(size - length);
      in.readFully(tail);
    }
    List<String> lines = new ArrayList<>();
    for (String line : new String(tail, StandardCharsets.ISO_8859_1).split("\n")) {
      lines.add(line);
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
      Map<String, Object> event = JsonLine.parse(lines.get(i));
      if (event == null) {
        continue;
      }
      Long seq = JsonLine.number(event, "bulwark.seq");
      String hash = JsonLine.text(event, "bulwark.hash");
      if (seq != null && AuditChain.isHash(hash)) {
        return new Link(seq, hash);
      }
    }
    return null;
  }
}
