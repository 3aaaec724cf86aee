package io.bulwark.agent.internal;

import static java.time.Duration.ofSeconds;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.instrument.ClassFileTransformer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.FixedValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NameFilterTransformerTest {

  /** The instrumented type of these tests. */
  public static class Greeter {
    public String greet() {
      return "original";
    }
  }

  private static final String GREETER = Greeter.class.getName().replace('.', '/');
  private static byte[] transformedGreeter;

  private final CompletableFuture<ClassFileTransformer> byteBuddy = new CompletableFuture<>();
  private final NameFilterTransformer filter = new NameFilterTransformer(Set.of(GREETER), byteBuddy);
  /** Internal names the real transformer behind the filter was called for. */
  private final List<String> delegated = Collections.synchronizedList(new ArrayList<>());

  /** Stands for Byte Buddy: makes greet() return "transformed". */
  private final ClassFileTransformer delegate = new ClassFileTransformer() {
    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
        java.security.ProtectionDomain domain, byte[] classfile) {
      delegated.add(className);
      return transformedGreeter;
    }
  };

  @BeforeAll
  static void prepareTransformedGreeter() {
    transformedGreeter = new ByteBuddy()
        .redefine(Greeter.class, ClassFileLocator.ForClassLoader.of(Greeter.class.getClassLoader()))
        .method(named("greet"))
        .intercept(FixedValue.value("transformed"))
        .make()
        .getBytes();
  }

  private TransformingClassLoader loader() {
    return new TransformingClassLoader(Set.of(Greeter.class.getName()), filter);
  }

  private static String greet(Class<?> greeter) throws ReflectiveOperationException {
    return (String) greeter.getMethod("greet").invoke(greeter.getConstructor().newInstance());
  }

  @Test
  void otherClassesPassWithoutWaitingForTheInstrumentation() {
    assertTimeoutPreemptively(ofSeconds(10), () -> {
      assertNull(filter.transform(null, null, "com/example/Other", null, null, new byte[0]));
      assertNull(filter.transform(null, null, null, null, null, new byte[0]));
    });
    assertEquals(List.of(), delegated);
  }

  @Test
  void targetLoadedAfterTheInstrumentationIsReadyIsTransformed() throws Exception {
    byteBuddy.complete(delegate);
    TransformingClassLoader loader = loader();

    assertEquals("transformed", greet(loader.loadClass(Greeter.class.getName())));
    assertEquals(List.of(GREETER), delegated);
  }

  @Test
  void targetLoadedBeforeTheInstrumentationIsReadyWaitsForItThenIsTransformed() throws Exception {
    TransformingClassLoader loader = loader();
    AtomicReference<Object> result = new AtomicReference<>();
    Thread loading = new Thread(() -> {
      try {
        result.set(greet(loader.loadClass(Greeter.class.getName())));
      } catch (Throwable t) {
        result.set(t);
      }
    }, "loads-a-target");
    loading.setDaemon(true);
    loading.start();

    awaitWaiting(loading);
    assertNull(result.get(), "the class is not loaded before the instrumentation is ready");
    assertEquals(List.of(), delegated);
    byteBuddy.complete(delegate);
    loading.join(10_000);

    assertEquals("transformed", result.get());
    assertEquals(List.of(GREETER), delegated);
  }

  @Test
  void failedInstrumentationLeavesTheTargetAsItWas() throws Exception {
    byteBuddy.completeExceptionally(new IllegalStateException("cannot prepare the instrumentation"));
    TransformingClassLoader loader = loader();

    assertEquals("original", greet(loader.loadClass(Greeter.class.getName())));
    assertEquals(List.of(), loader.transformed);
  }

  @Test
  void transformerThatThrowsLeavesTheTargetAsItWas() throws Exception {
    byteBuddy.complete(new ClassFileTransformer() {
      @Override
      public byte[] transform(Module module, ClassLoader classLoader, String name, Class<?> redefined,
          java.security.ProtectionDomain domain, byte[] classfile) {
        throw new IllegalStateException("advice cannot be woven");
      }
    });
    TransformingClassLoader loader = loader();

    assertEquals("original", greet(loader.loadClass(Greeter.class.getName())));
    assertEquals(List.of(), loader.transformed);
  }

  @Test
  void markerIsFoundWhereverItIsAndNowhereElse() throws Exception {
    NameFilterTransformer.Marker marker = new NameFilterTransformer.Marker("java/sql/");
    assertTrue(marker.in(ascii("java/sql/")));
    assertTrue(marker.in(ascii("Ljava/lang/Object;java/sqjava/sql/Connection")));
    assertTrue(marker.in(ascii("xxjava/sql/")));
    assertTrue(!marker.in(ascii("java/sql")) && !marker.in(ascii("java/lang/sql/")) && !marker.in(new byte[0]));
    byte[] driverManager;
    try (java.io.InputStream in = java.sql.DriverManager.class.getResourceAsStream("DriverManager.class")) {
      driverManager = in.readAllBytes();
    }
    assertTrue(marker.in(driverManager));
    java.util.Random random = new java.util.Random(42);
    byte[] alphabet = ascii("java/sql/lang;L");
    for (int round = 0; round < 20_000; round++) {
      byte[] text = new byte[random.nextInt(40)];
      for (int i = 0; i < text.length; i++) {
        text[i] = alphabet[random.nextInt(alphabet.length)];
      }
      byte[] piece = ascii("java/sql/".substring(0, 5 + random.nextInt(5))); // near misses and hits
      if (text.length >= piece.length) {
        System.arraycopy(piece, 0, text, random.nextInt(text.length - piece.length + 1), piece.length);
      }
      assertEquals(new String(text, java.nio.charset.StandardCharsets.US_ASCII).contains("java/sql/"), marker.in(text),
          new String(text, java.nio.charset.StandardCharsets.US_ASCII));
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** Waits until {@code thread} is parked (it is blocked on the future), failing after 10 s. */
  private static void awaitWaiting(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (thread.getState() != Thread.State.WAITING) {
      if (!thread.isAlive() || System.nanoTime() > deadline) {
        fail("expected the loading thread to wait for the instrumentation, but it is " + thread.getState());
      }
      Thread.sleep(5);
    }
    boolean inJoin = false;
    for (StackTraceElement frame : thread.getStackTrace()) {
      inJoin |= frame.getClassName().equals(CompletableFuture.class.getName());
    }
    assertTrue(inJoin, "waiting on the instrumentation's future");
  }
}
