package io.bulwark.it.app;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** How often each piece of application code ran, so tests can prove a blocked request never ran it. */
public final class Counters {

  private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

  private Counters() {}

  public static void increment(String name) {
    COUNTS.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
  }

  /** The counters as a JSON object, e.g. {"admin":0,"hello":3}. */
  public static String json() {
    StringBuilder json = new StringBuilder("{");
    new TreeMap<>(COUNTS).forEach((name, count) -> {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append('"').append(name).append("\":").append(count.get());
    });
    return json.append('}').toString();
  }
}
