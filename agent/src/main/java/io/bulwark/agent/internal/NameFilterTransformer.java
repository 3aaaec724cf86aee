package io.bulwark.agent.internal;

import io.bulwark.bridge.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The transformer the JVM calls for every class it loads. It answers "not mine" with one hash
 * lookup on the class name; only the few instrumented types are handed to the weaver, which is
 * prepared in the background while the application starts. A target class that loads before the
 * weaver is ready waits for it, so no entry point is ever missed.
 */
final class NameFilterTransformer implements ClassFileTransformer {

  private final Set<String> internalNames;
  private final CompletableFuture<ClassFileTransformer> weaver;
  /**
   * Class-file markers of hierarchy instrumentations (JDBC): a class of an application loader
   * containing one is a candidate.
   */
  private final Marker[] markers;

  NameFilterTransformer(Set<String> internalNames, CompletableFuture<ClassFileTransformer> weaver) {
    this(internalNames, Set.of(), weaver);
  }

  NameFilterTransformer(Set<String> internalNames, Set<String> classfileMarkers,
      CompletableFuture<ClassFileTransformer> weaver) {
    this.internalNames = internalNames;
    this.weaver = weaver;
    this.markers = new Marker[classfileMarkers.size()];
    int i = 0;
    for (String marker : classfileMarkers) {
      markers[i++] = new Marker(marker);
    }
  }

  /** Whether a class loaded by an application loader may be below a hierarchy instrumentation's types. */
  private boolean candidate(ClassLoader loader, byte[] classfile) {
    if (markers.length == 0 || loader == null || classfile == null) {
      return false;
    }
    for (Marker marker : markers) {
      if (marker.in(classfile)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A byte string searched for in every class file an application loader defines (Horspool's
   * search). A first-byte scan was slow on the main thread at start-up: every class file holds
   * "java/lang/..." many times, so a marker starting "java/" matched its first bytes everywhere.
   */
  static final class Marker {
    private final byte[] bytes;
    /** How far the search may move on when the window's last byte is {@code b}. */
    private final int[] shift = new int[256];

    Marker(String marker) {
      bytes = marker.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      java.util.Arrays.fill(shift, bytes.length);
      for (int i = 0; i < bytes.length - 1; i++) {
        shift[bytes[i] & 0xff] = bytes.length - 1 - i;
      }
    }

    boolean in(byte[] text) {
      int m = bytes.length;
      byte last = bytes[m - 1];
      for (int end = m - 1; end < text.length; end += shift[text[end] & 0xff]) {
        if (text[end] == last && matchesBefore(text, end)) {
          return true;
        }
      }
      return false;
    }

    private boolean matchesBefore(byte[] text, int end) {
      for (int j = bytes.length - 2, i = end - 1; j >= 0; j--, i--) {
        if (text[i] != bytes[j]) {
          return false;
        }
      }
      return true;
    }
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain domain, byte[] classfile) {
    if (className == null || (!internalNames.contains(className) && !candidate(loader, classfile))) {
      return null;
    }
    try {
      if (!weaver.isDone()) {
        long waitStarted = System.nanoTime();
        weaver.join();
        AgentLog.debug(className + " waited " + (System.nanoTime() - waitStarted) / 1_000_000
            + " ms for the instrumentation");
      }
      return weaver.join().transform(module, loader, className, classBeingRedefined, domain, classfile);
    } catch (Throwable t) {
      // A failed instrumentation leaves the class as it was: the application must load regardless.
      AgentLog.errorOnce("instrumenting " + className, t);
      return null;
    }
  }
}
