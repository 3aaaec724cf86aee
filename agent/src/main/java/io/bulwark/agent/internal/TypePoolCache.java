package io.bulwark.agent.internal;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Type pools that keep parsed type descriptions per class loader, so the supertypes of instrumented
 * classes are parsed once. Loaders are held weakly and each cache softly, so a redeployed web
 * application's loader can still be collected (at the latest under memory pressure).
 */
final class TypePoolCache {

  private final Map<ClassLoader, TypePool.CacheProvider> caches = new WeakHashMap<>();
  private final TypePool.CacheProvider bootstrap = new TypePool.CacheProvider.Simple.UsingSoftReference();

  /** A pool that reads {@code classfile} for {@code name} and everything else from {@code loader}. */
  TypePool pool(ClassLoader loader, String name, byte[] classfile) {
    ClassFileLocator locator = new ClassFileLocator.Compound(
        ClassFileLocator.Simple.of(name, classfile),
        loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader));
    return new TypePool.Default.WithLazyResolution(cache(loader), locator, TypePool.Default.ReaderMode.FAST);
  }

  private TypePool.CacheProvider cache(ClassLoader loader) {
    if (loader == null) {
      return bootstrap;
    }
    synchronized (caches) {
      return caches.computeIfAbsent(loader, ignored -> new TypePool.CacheProvider.Simple.UsingSoftReference());
    }
  }
}
