package io.bulwark.policy.detect;

import io.bulwark.bridge.AgentLog;
import io.bulwark.policy.detect.crlf.CrlfInjectionDetector;
import io.bulwark.policy.detect.html.XssDetector;
import io.bulwark.policy.detect.jndi.JndiDetector;
import io.bulwark.policy.detect.ldap.LdapInjectionDetector;
import io.bulwark.policy.detect.net.SsrfDetector;
import io.bulwark.policy.detect.nosql.NoSqlInjectionDetector;
import io.bulwark.policy.detect.path.PathTraversalDetector;
import io.bulwark.policy.detect.shell.CommandInjectionDetector;
import io.bulwark.policy.detect.sql.SqlInjectionDetector;
import io.bulwark.policy.detect.text.CharClasses;
import io.bulwark.policy.detect.xxe.XxeDetector;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Every injection detector, by category: what entry-point inspection calls for each input value.
 * Thread-safe; each check is linear in the value's length, and a value without any of a category's
 * trigger characters is dismissed without decoding or allocating. {@link #inspectAll} reads the
 * value's character classes once for all detectors and skips those whose exact trigger screen
 * ({@link Detector#triggers}) it fails, and shares one decoded form ({@link ValueScan}).
 *
 * <p>A value's name (parameter, cookie or JSON key; not a header name) is inspected as well when it
 * is not a plain identifier: applications echo names, build queries from them and log them.
 *
 * <p>A detector that fails (a bug, never an input) is logged once and the value passes: detection
 * fails open, the request is not broken by the agent.
 */
public final class Detectors {

  private static final Detectors STANDARD = new Detectors(standardSet());

  private final Detector[] byCategory;
  private final Category[] order;

  private Detectors(Map<Category, Detector> detectors) {
    byCategory = new Detector[Category.values().length];
    for (Map.Entry<Category, Detector> e : detectors.entrySet()) {
      byCategory[e.getKey().ordinal()] = e.getValue();
    }
    order = detectors.keySet().toArray(new Category[0]);
  }

  /** The full set, one detector per {@link Category}. */
  public static Detectors standard() {
    return STANDARD;
  }

  /** A set of exactly these detectors (tests, or a reduced set). */
  public static Detectors of(Detector... detectors) {
    Map<Category, Detector> map = new EnumMap<>(Category.class);
    for (Detector d : detectors) {
      map.put(d.category(), d);
    }
    return new Detectors(map);
  }

  private static Map<Category, Detector> standardSet() {
    Map<Category, Detector> map = new EnumMap<>(Category.class);
    for (Detector d : new Detector[] {
      new SqlInjectionDetector(),
      new XssDetector(),
      new CommandInjectionDetector(),
      new PathTraversalDetector(),
      new SsrfDetector(),
      new JndiDetector(),
      new LdapInjectionDetector(),
      new NoSqlInjectionDetector(),
      new CrlfInjectionDetector(),
      new XxeDetector(),
    }) {
      map.put(d.category(), d);
    }
    return map;
  }

  /** The detector of a category, or {@code null} when this set has none. */
  public Detector detector(Category category) {
    return byCategory[category.ordinal()];
  }

  /** One category's check of one value; {@code null} when clean (or the category has no detector). */
  public Finding inspect(Category category, Source source, String name, String value) {
    if (value == null) {
      return null;
    }
    return inspect(category, source, name, value, name != null && source != Source.HEADER && !isPlainName(name));
  }

  private Finding inspect(Category category, Source source, String name, String value, boolean inspectName) {
    Detector detector = byCategory[category.ordinal()];
    if (detector == null) {
      return null;
    }
    try {
      Finding finding = detector.inspect(source, name, value);
      if (finding == null && inspectName) {
        // names are input too: apps echo them, iterate them into queries, log them
        finding = detector.inspect(source, null, name);
      }
      return finding;
    } catch (RuntimeException | StackOverflowError e) {
      AgentLog.errorOnce("detector " + category, e);
      return null;
    }
  }

  /** The classes of {@link #isPlainName}'s characters ({@code 0x} is made of them too). */
  private static final long PLAIN_NAME = CharClasses.LOWER | CharClasses.UPPER | CharClasses.DIGIT | CharClasses.ZERO_X
      | CharClasses.UNDERSCORE | CharClasses.MINUS | CharClasses.DOT | CharClasses.LBRACKET | CharClasses.RBRACKET;

  /** A name of letters, digits and {@code _ - . [ ]}: the shape of nearly every real parameter name. */
  static boolean isPlainName(String name) {
    for (int i = 0, n = name.length(); i < n; i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
          || c == '[' || c == ']')) {
        return false;
      }
    }
    return true;
  }

  /** The first finding of the enabled categories (in {@link Category} order), or {@code null}. */
  public Finding inspectAll(Set<Category> enabled, Source source, String name, String value) {
    return inspectAll(enabled, source, name, value, CharClasses.NOT_READ);
  }

  /**
   * As {@link #inspectAll(Set, Source, String, String)}, for a caller that already read the
   * value's classes.
   *
   * @param valueClasses {@code CharClasses.of(value)}, or {@link CharClasses#NOT_READ}
   */
  public Finding inspectAll(Set<Category> enabled, Source source, String name, String value, long valueClasses) {
    if (value == null) {
      return null;
    }
    Plan plan = plan(enabled);
    if (plan.detectors.length == 0) {
      return null;
    }
    // the value and its name read once for every detector's trigger screen (and the name's plainness)
    long nameClasses = name == null ? 0 : CharClasses.of(name);
    boolean inspectName = name != null && source != Source.HEADER && (nameClasses & ~PLAIN_NAME) != 0;
    if (valueClasses == CharClasses.NOT_READ && plan.screened) {
      valueClasses = CharClasses.of(value);
    }
    long classes = valueClasses | nameClasses; // unknown (every bit set) stays unknown
    ValueScan scan = ValueScan.of(value, valueClasses);
    Detector[] detectors = plan.detectors;
    long[] triggers = plan.triggers;
    for (int i = 0; i < detectors.length; i++) {
      long t = triggers[i];
      if (t != 0 && (classes & t) == 0) {
        continue; // none of the characters this detector could ever flag
      }
      Detector detector = detectors[i];
      try {
        Finding finding = detector.inspect(source, name, value, scan);
        if (finding == null && inspectName) {
          // names are input too: apps echo them, iterate them into queries, log them
          finding = detector.inspect(source, null, name);
        }
        if (finding != null) {
          return finding;
        }
      } catch (RuntimeException | StackOverflowError e) {
        AgentLog.errorOnce("detector " + detector.category(), e);
      }
    }
    return null;
  }

  /**
   * The detectors of {@code enabled}, in order. The last set seen is kept: a request's inspection
   * passes the same set for every value (and a policy the same set for every request), so the
   * per-category membership tests run once, not once per value.
   */
  private Plan plan(Set<Category> enabled) {
    Plan plan = last;
    if (plan == null || plan.enabled != enabled) {
      plan = new Plan(enabled, byCategory, order);
      last = plan;
    }
    return plan;
  }

  /** The last plan made; a racy cache of an immutable object (any thread's plan is as good). */
  private volatile Plan last;

  /** The enabled detectors of one set of categories, with their trigger screens. Immutable. */
  private static final class Plan {
    final Set<Category> enabled;
    final Detector[] detectors;
    final long[] triggers;
    final boolean screened;

    Plan(Set<Category> enabled, Detector[] byCategory, Category[] order) {
      this.enabled = enabled;
      int count = 0;
      Detector[] chosen = new Detector[order.length];
      for (Category category : order) {
        if (enabled.contains(category)) {
          chosen[count++] = byCategory[category.ordinal()];
        }
      }
      detectors = java.util.Arrays.copyOf(chosen, count);
      triggers = new long[count];
      boolean any = false;
      for (int i = 0; i < count; i++) {
        triggers[i] = detectors[i].triggers();
        any |= triggers[i] != 0;
      }
      screened = any;
    }
  }
}
