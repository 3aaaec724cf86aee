package io.bulwark.instrumentation;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Advice read from the advice classes' bytes rather than by reflection. {@code Advice.to(Class)}
 * describes a loaded class, whose annotations the JDK materializes as proxies: a proxy class is
 * generated for each annotation type Byte Buddy asks about, a start-up cost paid while the
 * application starts. Byte Buddy reads the bytes anyway to inline the advice, so a type pool over
 * the same bytes describes the advice without reflection (as OpenTelemetry's agent does).
 */
public final class AdviceClasses {

  private static final ClassFileLocator LOCATOR =
      ClassFileLocator.ForClassLoader.of(AdviceClasses.class.getClassLoader());
  /**
   * Parses the advice classes (and caches them; thread-safe). The JDK types their signatures name
   * are described from the loaded classes instead, which costs nothing, rather than parsed from
   * the runtime image.
   */
  private static final TypePool POOL = new TypePool.Default(new TypePool.CacheProvider.Simple(), LOCATOR,
      TypePool.Default.ReaderMode.FAST, TypePool.ClassLoading.ofPlatformLoader());

  private AdviceClasses() {}

  /** {@code Advice.to(advice)}, described from its class file. */
  public static Advice to(Class<?> advice) {
    return Advice.to(describe(advice), LOCATOR);
  }

  /** {@code mapping.to(advice)}, described from its class file. */
  public static Advice to(Advice.WithCustomMapping mapping, Class<?> advice) {
    return mapping.to(describe(advice), LOCATOR);
  }

  private static TypeDescription describe(Class<?> advice) {
    return POOL.describe(advice.getName()).resolve();
  }
}
