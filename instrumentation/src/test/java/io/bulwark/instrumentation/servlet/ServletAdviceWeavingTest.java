package io.bulwark.instrumentation.servlet;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bulwark.bridge.BlockingException;
import io.bulwark.bridge.Decision;
import io.bulwark.bridge.ServletHooks;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.bulwark.instrumentation.weave.ClassWeaver;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The servlet advice woven into the real {@code HttpServlet} of each namespace, loaded
 * in a fresh class loader together with a servlet that extends it: what a container's request
 * thread runs once the agent has instrumented it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ServletNamespace.class)
class ServletAdviceWeavingTest {

  /** What a test servlet's {@code doGet} does. Loaded by the test's loader, shared with the woven classes. */
  public interface Body {
    void run(Object request, Object response) throws Exception;

    /** Runs {@code body} from a servlet's {@code doGet}, which may only throw IOException or unchecked. */
    static void runIn(Body body, Object request, Object response) throws IOException {
      try {
        body.run(request, response);
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A servlet that inherits {@code service} from the woven {@code HttpServlet}. */
  public static class JavaxServlet extends javax.servlet.http.HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Body body;

    public JavaxServlet(Body body) {
      this.body = body;
    }

    @Override
    protected void doGet(javax.servlet.http.HttpServletRequest request, javax.servlet.http.HttpServletResponse response)
        throws IOException {
      Body.runIn(body, request, response);
    }
  }

  /** The same for jakarta.servlet. */
  public static class JakartaServlet extends jakarta.servlet.http.HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Body body;

    public JakartaServlet(Body body) {
      this.body = body;
    }

    @Override
    protected void doGet(jakarta.servlet.http.HttpServletRequest request,
        jakarta.servlet.http.HttpServletResponse response) throws IOException {
      Body.runIn(body, request, response);
    }
  }

  /** Records what reaches the bridge's handler. */
  static final class RecordingHandler implements ServletHooks.Handler {
    final List<String> calls = new ArrayList<>();
    boolean answer;

    @Override
    public boolean enter(String namespace, Object request, Object response) {
      calls.add("enter " + namespace);
      return answer;
    }

    @Override
    public void exit(Object request, Object response, Throwable thrown) {
      calls.add(thrown == null ? "exit" : "exit " + thrown.getClass().getSimpleName());
    }
  }

  /** Child-first for the few classes it was given the bytes of; everything else from the test's loader. */
  static final class ChildFirstLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    ChildFirstLoader(Map<String, byte[]> classes) {
      super("woven", ServletAdviceWeavingTest.class.getClassLoader());
      this.classes = classes;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null && classes.containsKey(name)) {
          byte[] bytes = classes.get(name);
          loaded = defineClass(name, bytes, 0, bytes.length);
        }
        return loaded != null ? loaded : super.loadClass(name, resolve);
      }
    }
  }

  @Parameter
  ServletNamespace namespace;

  private final RecordingHandler handler = new RecordingHandler();
  private final List<String> ran = new ArrayList<>();
  private final FakeHttpRequest request = new FakeHttpRequest();
  private final FakeHttpResponse response = new FakeHttpResponse();
  private Class<?> servletClass;
  private Method service;

  @BeforeEach
  void weave() throws Exception {
    Class<?> httpServlet = namespace.httpServlet;
    byte[] woven = ClassWeaver.weave(ClassFileLocator.ForClassLoader.read(httpServlet),
        ServletInstrumentationModule.forNamespace(namespace.name).advice());
    Class<?> testServlet = namespace == ServletNamespace.JAVAX ? JavaxServlet.class : JakartaServlet.class;
    Map<String, byte[]> classes = new HashMap<>();
    classes.put(httpServlet.getName(), woven);
    classes.put(testServlet.getName(), ClassFileLocator.ForClassLoader.read(testServlet));
    servletClass = new ChildFirstLoader(classes).loadClass(testServlet.getName());
    service = servletClass.getMethod("service", namespace.servletRequest, namespace.servletResponse);
    ServletHooks.install(handler);
  }

  @AfterEach
  void uninstall() {
    ServletHooks.install(null);
  }

  private Object servlet(Body body) throws ReflectiveOperationException {
    return servletClass.getConstructor(Body.class).newInstance(body);
  }

  /** {@code servlet.service(request, response)}, throwing what it throws. */
  private void service(Object servlet) throws Exception {
    try {
      service.invoke(servlet, request.as(namespace), response.as(namespace));
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception) {
        throw (Exception) e.getCause();
      }
      throw (Error) e.getCause();
    }
  }

  @Test
  void servletIsLoadedOnTopOfTheWovenHttpServlet() {
    assertSame(servletClass.getClassLoader(), servletClass.getSuperclass().getClassLoader(),
        "the advice under test is the woven copy, not the test class path's");
  }

  @Test
  void outermostServiceCallReachesTheHandlerOnceAndNestedCallsDoNot() throws Exception {
    Object inner = servlet((req, res) -> ran.add("inner"));
    Object outer = servlet((req, res) -> {
      ran.add("outer");
      service(inner);
    });

    service(outer);

    assertEquals(List.of("outer", "inner"), ran);
    assertEquals(List.of("enter " + namespace.name, "exit"), handler.calls);
  }

  @Test
  void handlerThatAnswersTheRequestSkipsTheServletBody() throws Exception {
    handler.answer = true;

    service(servlet((req, res) -> ran.add("body")));

    assertEquals(List.of(), ran);
    assertEquals(List.of("enter " + namespace.name, "exit"), handler.calls);
  }

  @Test
  void exceptionThrownByTheBodyReachesExitAndPropagates() throws Exception {
    IllegalStateException failure = new IllegalStateException("app failure");
    Object servlet = servlet((req, res) -> {
      throw failure;
    });

    assertSame(failure, assertThrows(IllegalStateException.class, () -> service(servlet)));

    assertEquals(List.of("enter " + namespace.name, "exit IllegalStateException"), handler.calls);
  }

  @Test
  void checkedExceptionThrownByTheBodyPropagatesUnchanged() throws Exception {
    IOException failure = new IOException("client went away");
    Object servlet = servlet((req, res) -> {
      throw failure;
    });

    assertSame(failure, assertThrows(IOException.class, () -> service(servlet)));
  }

  @Test
  void blockingExceptionIsSwallowedByTheOutermostCall() throws Exception {
    BlockingException blocked = new BlockingException(Decision.block("r-1", 403, Map.of(), "{}"));
    Object servlet = servlet((req, res) -> {
      throw blocked;
    });

    assertDoesNotThrow(() -> service(servlet));

    assertEquals(List.of("enter " + namespace.name, "exit BlockingException"), handler.calls);
  }

  @Test
  void blockingExceptionFromANestedServletUnwindsToTheOutermostCall() throws Exception {
    BlockingException blocked = new BlockingException(Decision.block("r-1", 403, Map.of(), "{}"));
    Object inner = servlet((req, res) -> {
      throw blocked;
    });
    Object outer = servlet((req, res) -> {
      service(inner);
      ran.add("after the nested servlet");
    });

    assertDoesNotThrow(() -> service(outer));

    assertEquals(List.of(), ran, "the rest of the outer servlet does not run");
    assertEquals(List.of("enter " + namespace.name, "exit BlockingException"), handler.calls);
  }

  @Test
  void callAfterAnExceptionReachesTheHandlerAgain() throws Exception {
    Object failing = servlet((req, res) -> {
      throw new IllegalStateException("app failure");
    });
    Object nestedFailing = servlet((req, res) -> service(failing));
    assertThrows(IllegalStateException.class, () -> service(nestedFailing));
    handler.calls.clear();

    service(servlet((req, res) -> ran.add("next request")));

    assertEquals(List.of("next request"), ran);
    assertEquals(List.of("enter " + namespace.name, "exit"), handler.calls);
  }

  @Test
  void callAfterABlockedRequestReachesTheHandlerAgain() throws Exception {
    handler.answer = true;
    service(servlet((req, res) -> ran.add("blocked body")));
    handler.answer = false;
    handler.calls.clear();

    service(servlet((req, res) -> ran.add("next request")));

    assertEquals(List.of("next request"), ran);
    assertEquals(List.of("enter " + namespace.name, "exit"), handler.calls);
  }
}
