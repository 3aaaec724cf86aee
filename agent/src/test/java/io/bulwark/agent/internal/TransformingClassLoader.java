package io.bulwark.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Does for a few named classes what the JVM does for an agent: reads their class files, hands them
 * to a {@link ClassFileTransformer} and defines what it returns (or the original bytes when it
 * returns null). Child-first for those classes, so the test gets fresh copies; everything else comes
 * from the test's class loader.
 */
final class TransformingClassLoader extends ClassLoader {

  private final Set<String> names;
  private final ClassFileTransformer transformer;
  /** Internal names of the classes the transformer replaced. */
  final List<String> transformed = Collections.synchronizedList(new ArrayList<>());

  TransformingClassLoader(Set<String> names, ClassFileTransformer transformer) {
    super("transforming", TransformingClassLoader.class.getClassLoader());
    this.names = names;
    this.transformer = transformer;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!names.contains(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded != null) {
        return loaded;
      }
      String internalName = name.replace('.', '/');
      byte[] original;
      byte[] replaced;
      try {
        original = ClassFileLocator.ForClassLoader.of(getParent()).locate(name).resolve();
        replaced = transformer.transform(getUnnamedModule(), this, internalName, null, null, original);
      } catch (java.io.IOException | IllegalClassFormatException e) {
        throw new ClassNotFoundException(name, e);
      }
      if (replaced != null) {
        transformed.add(internalName);
      }
      byte[] bytes = replaced == null ? original : replaced;
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
