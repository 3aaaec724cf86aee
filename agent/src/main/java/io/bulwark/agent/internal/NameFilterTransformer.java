package io.bulwark.agent.internal;

import io.bulwark.bridge.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The transformer the JVM calls for every class it loads. It answers "not mine" with one hash
 * lookup on the class name; only the few instrumented types are handed to Byte Buddy, which is
 * built in the background while the application starts. A target class that loads before Byte
 * Buddy is ready waits for it, so no entry point is ever missed.
 */
final class NameFilterTransformer implements ClassFileTransformer {

  private final Set<String> internalNames;
  private final CompletableFuture<ClassFileTransformer> byteBuddy;
  /** Class-file markers of hierarchy instrumentations (JDBC): a class of an application loader containing one is a candidate. */
  private final byte[][] markers;

  NameFilterTransformer(Set<String> internalNames, CompletableFuture<ClassFileTransformer> byteBuddy) {
    this(internalNames, Set.of(), byteBuddy);
  }

  NameFilterTransformer(Set<String> internalNames, Set<String> classfileMarkers,
      CompletableFuture<ClassFileTransformer> byteBuddy) {
    this.internalNames = internalNames;
    this.byteBuddy = byteBuddy;
    this.markers = classfileMarkers.stream()
        .map(marker -> marker.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toArray(byte[][]::new);
  }

  /** Whether a class loaded by an application loader may be below a hierarchy instrumentation's types. */
  private boolean candidate(ClassLoader loader, byte[] classfile) {
    if (markers.length == 0 || loader == null || classfile == null) {
      return false;
    }
    for (byte[] marker : markers) {
      if (contains(classfile, marker)) {
        return true;
      }
    }
    return false;
  }

  static boolean contains(byte[] bytes, byte[] marker) {
    byte first = marker[0];
    int last = bytes.length - marker.length;
    outer:
    for (int i = 0; i <= last; i++) {
      if (bytes[i] != first) {
        continue;
      }
      for (int j = 1; j < marker.length; j++) {
        if (bytes[i + j] != marker[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain domain, byte[] classfile) {
    if (className == null || (!internalNames.contains(className) && !candidate(loader, classfile))) {
      return null;
    }
    try {
      if (!byteBuddy.isDone()) {
        long waitStarted = System.nanoTime();
        byteBuddy.join();
        AgentLog.debug(className + " waited " + (System.nanoTime() - waitStarted) / 1_000_000 + " ms for the instrumentation");
      }
      return byteBuddy.join().transform(module, loader, className, classBeingRedefined, domain, classfile);
    } catch (Throwable t) {
      // A failed instrumentation leaves the class as it was: the application must load regardless.
      AgentLog.errorOnce("instrumenting " + className, t);
      return null;
    }
  }
}
