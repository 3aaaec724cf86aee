package io.bulwark.bridge;

/**
 * Called by the advice inlined into the JDK's and the JDBC drivers' dangerous operations (the
 * sinks): process start, file open, outbound connection, JNDI lookup, XML parse, SQL. The advice
 * passes what the operation is about to act on; the engine's {@link Checks} decide whether the
 * input of the request served on this thread changed its meaning.
 *
 * <p>A check that blocks has the {@link Responder} of the request commit the 403 and then throws a
 * {@link BlockingException}, which unwinds the application up to the outermost filter or servlet.
 * Outside a request (start-up, batch jobs, the agent's own threads) there are no inputs, and checks
 * only audit.
 *
 * <p>Bulwark's own file, socket and JDBC use on a request thread (a check resolving a host name, the
 * engine fetching keys) must never be checked: while a check runs, or between {@link #suspend} and
 * {@link #resume}, every sink on the thread is passed through.
 */
public final class SinkHooks {

  /** What an advised operation does; the engine picks its check by it. */
  public static final int SQL = 1;
  public static final int COMMAND = 2;
  public static final int FILE = 3;
  public static final int CONNECT = 4;
  public static final int JNDI = 5;
  public static final int XML = 6;

  /**
   * What {@link Checks#check} returns to let the request go on but make this one operation fail as
   * a hardened library would ({@code xxe.harden}: the parser refuses the document's DTD).
   */
  public static final Decision REFUSE_OPERATION = Decision.allow("refuse-operation");

  /** The engine's side. */
  public interface Checks {

    /**
     * Called when a request starts being served on a thread: returns the request's sink context
     * (its inputs, read lazily from {@code view}), which the instrumentation keeps with the request
     * for later dispatches and hands to {@link #check}.
     */
    Object begin(RequestView view, String requestId);

    /**
     * Checks one operation.
     *
     * @param context the request's context from {@link #begin}, or {@code null} outside a request
     * @param kind {@link #SQL}, {@link #COMMAND}, ...
     * @param sink the advised method, e.g. {@code java.sql.Statement.executeQuery}
     * @param target the object the operation runs on (a connection, a statement), or {@code null}
     * @param subject what it acts on: SQL text, command array, path, URL, name, XML head
     * @return {@code null} to let the operation run, or the blocking decision
     */
    Decision check(Object context, int kind, String sink, Object target, Object subject);
  }

  /** The instrumentation's side for one request: commits a blocking decision on its response. */
  public interface Responder {
    void commit(Decision decision);
  }

  private static final class State {
    Object context;
    Responder responder;
    int suspended;
    int jdbcDepth;
  }

  private static final ThreadLocal<State> STATE = new ThreadLocal<State>() {
    @Override
    protected State initialValue() {
      return new State();
    }
  };

  private static volatile Checks checks;
  /** Installs the JVM-wide deserialization filter; run once, when the first ObjectInputStream is made. */
  private static volatile Runnable firstObjectStream;

  private SinkHooks() {}

  public static void install(Checks installed) {
    checks = installed;
  }

  /**
   * What to do before the first {@code ObjectInputStream} is constructed: install the JVM-wide
   * deserialization filter. Not earlier: the JDK's filter configuration starts java.util.logging
   * when it initializes, which the agent must not do before the application does (and which the
   * application's first stream does anyway).
   */
  public static void onFirstObjectStream(Runnable install) {
    firstObjectStream = install;
  }

  /**
   * Takes over the application's {@code ObjectInputFilter.Config.setSerialFilter} once Bulwark's
   * JVM-wide filter is in place: the handler composes the application's filter with Bulwark's and
   * returns true (the JDK's method is then skipped, instead of failing with "filter can not be
   * set more than once"), or returns false to let the JDK's method run as it would.
   */
  public static void onSerialFilterSet(java.util.function.Predicate<Object> handler) {
    serialFilterSet = handler;
  }

  private static volatile java.util.function.Predicate<Object> serialFilterSet;

  /**
   * Advice entry of {@code ObjectInputFilter.Config.setSerialFilter}: whether Bulwark took the
   * application's filter (skip the JDK's method). Never throws: on an internal error the JDK's
   * method runs.
   */
  public static boolean serialFilterSetting(Object filter) {
    java.util.function.Predicate<Object> handler = serialFilterSet;
    if (handler == null || filter == null) {
      return false;
    }
    try {
      return handler.test(filter);
    } catch (Throwable t) {
      AgentLog.errorOnce("deserialization-filter-compose", t);
      return false;
    }
  }

  /** Advice entry: an {@code ObjectInputStream} is being constructed. */
  public static void objectStreamOpening() {
    Runnable install = firstObjectStream;
    if (install == null) {
      return;
    }
    synchronized (SinkHooks.class) {
      if (firstObjectStream == null) {
        return;
      }
      firstObjectStream = null;
    }
    State state = STATE.get();
    state.suspended++;
    try {
      install.run();
    } catch (Throwable t) {
      AgentLog.errorOnce("deserialization-filter", t);
    } finally {
      state.suspended--;
    }
  }

  /** The engine's sink checks, or {@code null} before the agent has started. */
  public static Checks checks() {
    return checks;
  }

  /**
   * A request starts (or continues, at a later dispatch) on this thread.
   *
   * @param context from {@link Checks#begin}, or the one kept from the request's first dispatch
   */
  public static void requestStarted(Object context, Responder responder) {
    State state = STATE.get();
    state.context = context;
    state.responder = responder;
    state.jdbcDepth = 0;
  }

  /** The request's call on this thread ends (returned, threw, or went async). */
  public static void requestEnded() {
    State state = STATE.get();
    state.context = null;
    state.responder = null;
    state.jdbcDepth = 0;
  }

  /** The current request's sink context, or {@code null} outside a request. */
  public static Object context() {
    return STATE.get().context;
  }

  /** Bulwark's own I/O follows on this thread: pass every sink through until {@link #resume}. */
  public static void suspend() {
    STATE.get().suspended++;
  }

  public static void resume() {
    State state = STATE.get();
    if (state.suspended > 0) {
      state.suspended--;
    }
  }

  // ---- advice entries ----

  /** {@code Runtime.exec} and {@code ProcessBuilder.start}: the command about to be started. */
  public static void command(String[] command) {
    check(COMMAND, "java.lang.ProcessImpl.start", null, command);
  }

  /** A file about to be opened or listed: a {@code File}, {@code Path} or {@code String}. */
  public static void file(String sink, Object path) {
    check(FILE, sink, null, path);
  }

  /**
   * An outbound connection: a {@code URL}, {@code URI}, {@code SocketAddress} or {@code
   * java.net.http.HttpRequest} (which the engine reads the URI of: this class cannot link it).
   */
  public static void connect(String sink, Object target) {
    check(CONNECT, sink, null, target);
  }

  /**
   * An HTTP redirect to {@code to} (a {@code URL}) followed by the JDK's client, from {@code from}:
   * a {@code URL}, or the {@code URLConnection} being redirected (the URL it was opened for).
   */
  public static void redirect(String sink, Object from, Object to) {
    Object origin = from instanceof java.net.URLConnection ? ((java.net.URLConnection) from).getURL() : from;
    check(CONNECT, sink, origin, to);
  }

  /** A JNDI name about to be looked up (a {@code String} or {@code javax.naming.Name}). */
  public static void jndi(String sink, Object name) {
    check(JNDI, sink, null, name);
  }

  /**
   * XML about to be parsed from a stream or reader: the advice hands over the first bytes or
   * characters it peeked (a {@code byte[]} or {@code String}), without consuming the stream.
   */
  public static void xml(String sink, Object head) {
    check(XML, sink, null, head);
  }

  /**
   * XML about to be parsed from {@code source} (an {@code InputStream}, {@code Reader}, SAX {@code
   * InputSource} or a {@code StreamSource}): outside a request returns it untouched; inside one,
   * peeks at its head for {@link #xml} and returns what the parser must read instead (a buffered
   * stream replaying the head, or the same source object with its stream replaced).
   */
  public static Object xmlSource(String sink, Object source) {
    State state = STATE.get();
    if (checks == null || state.suspended > 0 || state.context == null || source == null) {
      return source;
    }
    Object[] head = new Object[1];
    Object replaced = XmlPeek.peek(source, head);
    if (head[0] != null && refused(XML, sink, null, head[0])) {
      SinkHooks.<RuntimeException>sneakyThrow(refusedXml(sink));
    }
    return replaced;
  }

  /**
   * JDBC entry: SQL about to be executed or prepared on {@code target} (a statement or connection).
   * Only the outermost JDBC call on the thread checks, so a pool's wrapper and the driver it wraps
   * count once. Every call that returns must be paired with {@link #sqlExit} (one that throws a
   * {@link BlockingException} has undone its own count).
   */
  public static void sqlEnter(String type, String method, Object target, String sql) {
    State state = STATE.get();
    if (state.jdbcDepth++ == 0 && sql != null && state.context != null) {
      check(SQL, type + '.' + method, target, sql);
    }
  }

  public static void sqlExit() {
    State state = STATE.get();
    if (state.jdbcDepth > 0) {
      state.jdbcDepth--;
    }
  }

  /**
   * Blocks the current request from a check that runs outside the advice (the JVM-wide
   * deserialization filter): commits the response and throws. Outside a request it only throws.
   */
  public static void block(Decision decision) {
    State state = STATE.get();
    if (state.responder != null) {
      try {
        state.responder.commit(decision);
      } catch (Throwable t) {
        AgentLog.errorOnce("sink-block", t);
      }
    }
    throw new BlockingException(decision);
  }

  /** Whether Bulwark's own work is running on this thread (a check, or between suspend and resume). */
  public static boolean suspended() {
    return STATE.get().suspended > 0;
  }

  /** Returns whether the check asked for the operation to be refused ({@link #REFUSE_OPERATION}). */
  private static boolean refused(int kind, String sink, Object target, Object subject) {
    return check(kind, sink, target, subject) == REFUSE_OPERATION;
  }

  private static Decision check(int kind, String sink, Object target, Object subject) {
    Checks current = checks;
    if (current == null) {
      return null;
    }
    State state = STATE.get();
    if (state.suspended > 0 || state.context == null) {
      return null; // Bulwark's own work, or no request: no input to blame, nothing to check
    }
    Decision decision = null;
    state.suspended++;
    try {
      decision = current.check(state.context, kind, sink, target, subject);
      if (decision != null && decision.blocks() && state.responder != null) {
        state.responder.commit(decision);
      }
    } catch (Throwable t) {
      // Fail-open: a sink check that fails lets the operation run.
      AgentLog.errorOnce("sink-" + kind, t);
      decision = null;
    } finally {
      state.suspended--;
    }
    if (decision != null && decision.blocks()) {
      if (kind == SQL) {
        state.jdbcDepth = Math.max(0, state.jdbcDepth - 1); // the exit advice will not run
      }
      throw new BlockingException(decision);
    }
    return decision;
  }

  /**
   * Throws {@code t}, checked or not, without the compiler knowing: a checked exception the advised
   * method declares, or what the application's method threw, rethrown by woven code.
   */
  @SuppressWarnings("unchecked")
  static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }

  private static Exception refusedXml(String sink) {
    String message = "DOCTYPE is disallowed when the feature \"http://apache.org/xml/features/disallow-doctype-decl\""
        + " set to true (refused by Bulwark: xxe.harden)";
    if (sink.startsWith("javax.xml.stream")) {
      return new javax.xml.stream.XMLStreamException(message);
    }
    if (sink.startsWith("javax.xml.transform")) {
      return new javax.xml.transform.TransformerConfigurationException(message);
    }
    return new org.xml.sax.SAXParseException(message, null);
  }
}
