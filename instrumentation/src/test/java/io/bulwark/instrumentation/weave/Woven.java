package io.bulwark.instrumentation.weave;

import java.util.ArrayList;
import java.util.List;

/**
 * The classes {@link ClassWeaverTest} weaves (plain javac output, as an application's would be),
 * and the static hooks their woven code calls.
 */
public final class Woven {

  private Woven() {}

  /** What the hooks saw, in order. */
  public static final List<String> CALLS = new ArrayList<>();
  /** What {@link Hooks#decide} and {@link Hooks#answer} return next. */
  public static boolean skip;
  public static Object answer;

  public static final class Hooks {
    private Hooks() {}

    public static void enter(String constant, Object self, Object argument) {
      CALLS.add("enter " + constant + " " + (self != null) + " " + argument);
    }

    public static void method(String name) {
      CALLS.add("method " + name);
    }

    public static void args(Object first) {
      CALLS.add("args " + first);
    }

    public static boolean decide(Object argument) {
      CALLS.add("decide " + argument);
      return skip;
    }

    public static Object answer(Object argument) {
      CALLS.add("answer " + argument);
      return answer;
    }

    public static Object replace(Object argument) {
      return "replaced-" + argument;
    }

    public static void returned() {
      CALLS.add("returned");
    }

    public static void thrown(Throwable thrown) {
      CALLS.add("thrown " + thrown.getMessage());
    }

    /** Returns what the method returns instead of throwing, or throws on ("rethrow" in the message). */
    public static Object recover(Throwable thrown, Object argument) {
      CALLS.add("recover " + thrown.getMessage() + " " + argument);
      if (thrown.getMessage().contains("rethrow")) {
        throw new IllegalStateException("rethrown: " + thrown.getMessage());
      }
      return "recovered";
    }

    public static void count(int n) {
      CALLS.add("count " + n);
    }

    public static void fails() {
      throw new IllegalStateException("hook failed");
    }
  }

  /** Methods of every shape the advice meets. */
  public static class Target {
    final String made;

    public Target(String made) {
      this.made = made;
    }

    public Object dispatch(Object context) {
      if ("boom".equals(context) || "boom-rethrow".equals(context)) {
        throw new IllegalArgumentException(String.valueOf(context));
      }
      return "body " + context;
    }

    public boolean preHandle(Object request, Object response) {
      CALLS.add("preHandle body");
      return true;
    }

    /** A loop at the very first instruction (a stack map frame at offset 0), wide arguments around it. */
    public long sum(long count, Object label, double weight) {
      long total = 0;
      for (long i = 0; i < count; i++) {
        total += (long) weight;
      }
      CALLS.add("sum " + label);
      return total;
    }

    public int loopFirst(int n) {
      while (n > 10) {
        n -= 10;
      }
      return n;
    }

    /** Catches its own exception: the woven handler must not see it. */
    public String catchesItself(Object argument) {
      try {
        throw new IllegalStateException("inner " + argument);
      } catch (IllegalStateException e) {
        return "caught " + e.getMessage();
      }
    }

    /** Several returns, and a throw. */
    public int classify(String sql) {
      if (sql == null) {
        throw new IllegalArgumentException("no sql");
      }
      if (sql.isEmpty()) {
        return 0;
      }
      return sql.startsWith("SELECT") ? 1 : 2;
    }

    public String replaced(String text, int times) {
      return text.repeat(times);
    }

    public static void configure(Object setting) {
      CALLS.add("configure body " + setting);
    }

    public void silent() {
      CALLS.add("silent body");
    }
  }
}
