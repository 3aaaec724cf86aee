package io.bulwark.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;

/**
 * Whether a class being defined is below some super types, found from class files alone: a class
 * is woven while it is being defined, when neither it nor (safely) its super types can be loaded.
 * Each super type's class file is read from the defining loader once (its header only: super class
 * and interfaces) and remembered per loader; loaders are held weakly, so a redeployed web
 * application's loader can still be collected.
 */
final class SuperTypes {

  /** Beyond this many remembered types a loader's memory starts afresh: bounded whatever it loads. */
  static final int MAX_REMEMBERED = 20_000;
  /** Types visited per question: hierarchies are shallow, a cycle or a pathological one stops here. */
  private static final int MAX_VISITED = 500;
  private static final String[] NONE = new String[0];

  private final Map<ClassLoader, Map<String, String[]>> byLoader = new WeakHashMap<>();
  private final Map<String, String[]> bootstrap = new ConcurrentHashMap<>();

  /**
   * @param superName the class's super class (internal name, {@code a/b/C}), or {@code null}
   * @param interfaces the interfaces it declares (internal names)
   * @param targets internal names of the super types asked about
   */
  boolean isBelow(ClassLoader loader, String superName, String[] interfaces, Set<String> targets) {
    Queue<String> next = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    if (superName != null) {
      next.add(superName);
    }
    next.addAll(java.util.Arrays.asList(interfaces));
    while (!next.isEmpty() && seen.size() < MAX_VISITED) {
      String name = next.remove();
      if (!seen.add(name) || name.equals("java/lang/Object")) {
        continue;
      }
      if (targets.contains(name)) {
        return true;
      }
      for (String parent : direct(loader, name)) {
        next.add(parent);
      }
    }
    return false;
  }

  /** The super class and interfaces of {@code name} as {@code loader} sees it; none if it cannot be read. */
  private String[] direct(ClassLoader loader, String name) {
    Map<String, String[]> remembered = remembered(loader);
    String[] direct = remembered.get(name);
    if (direct == null) {
      direct = read(loader, name);
      if (remembered.size() >= MAX_REMEMBERED) {
        remembered.clear();
      }
      remembered.put(name, direct);
    }
    return direct;
  }

  private Map<String, String[]> remembered(ClassLoader loader) {
    if (loader == null) {
      return bootstrap;
    }
    synchronized (byLoader) {
      return byLoader.computeIfAbsent(loader, ignored -> new ConcurrentHashMap<>());
    }
  }

  private static String[] read(ClassLoader loader, String name) {
    ClassLoader from = loader != null ? loader : ClassLoader.getPlatformClassLoader();
    try (InputStream in = from.getResourceAsStream(name + ".class")) {
      if (in == null) {
        return NONE;
      }
      ClassReader header = new ClassReader(in.readAllBytes());
      String superName = header.getSuperName();
      String[] interfaces = header.getInterfaces();
      if (superName == null) {
        return interfaces;
      }
      String[] direct = new String[interfaces.length + 1];
      direct[0] = superName;
      System.arraycopy(interfaces, 0, direct, 1, interfaces.length);
      return direct;
    } catch (IOException | RuntimeException e) {
      return NONE; // unreadable: not below anything it does not say
    }
  }
}
