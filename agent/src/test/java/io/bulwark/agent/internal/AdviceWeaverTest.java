package io.bulwark.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bulwark.bridge.ServletHooks;
import io.bulwark.instrumentation.Instrumentations;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.servlet.GenericServlet;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdviceWeaverTest {

  private static final String HTTP_SERVLET = "javax/servlet/http/HttpServlet";

  /** A servlet that overrides nothing: {@code service} and {@code doGet} are HttpServlet's. */
  public static class PlainServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
  }

  static final class RecordingHandler implements ServletHooks.Handler {
    final List<String> calls = new ArrayList<>();

    @Override
    public boolean enter(String namespace, Object request, Object response) {
      calls.add("enter " + namespace);
      return false;
    }

    @Override
    public void exit(Object request, Object response, Throwable thrown) {
      calls.add("exit");
    }
  }

  private final RecordingHandler handler = new RecordingHandler();
  private final List<String> responseCalls = new ArrayList<>();
  private AdviceWeaver weaver;

  /** The weaver as the Installer builds it: every instrumentation, merged per target name. */
  @BeforeEach
  void buildWeaver() {
    weaver = (AdviceWeaver) Installer.build(Instrumentations.all());
    ServletHooks.install(handler);
  }

  @AfterEach
  void uninstall() {
    ServletHooks.install(null);
  }

  private static byte[] classFile(Class<?> type) throws Exception {
    return ClassFileLocator.ForClassLoader.read(type);
  }

  @Test
  void classThatIsNotATargetIsLeftAlone() throws Exception {
    assertNull(weaver.transform(null, getClass().getClassLoader(), "javax/servlet/GenericServlet", null, null,
        classFile(GenericServlet.class)));
  }

  @Test
  void targetServiceMethodReachesTheHandlerOncePerRequest() throws Exception {
    TransformingClassLoader loader = new TransformingClassLoader(
        Set.of(HttpServlet.class.getName(), PlainServlet.class.getName()), weaver);
    Class<?> servletClass = loader.loadClass(PlainServlet.class.getName());
    assertSame(loader, servletClass.getSuperclass().getClassLoader(), "the woven HttpServlet is under test");
    Object servlet = servletClass.getConstructor().newInstance();

    servletClass.getMethod("service", ServletRequest.class, ServletResponse.class)
        .invoke(servlet, request(), response());

    assertEquals(List.of(HTTP_SERVLET), loader.transformed);
    assertEquals(List.of("enter javax.servlet", "exit"), handler.calls);
    assertEquals(List.of("sendError 405"), responseCalls, "the servlet itself ran: GET is not implemented");
  }

  @Test
  void malformedClassFileOfATargetLeavesTheClassAsItWas() {
    byte[] malformed = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 55, 0, 7};
    assertThrows(Throwable.class,
        () -> weaver.transform(null, getClass().getClassLoader(), HTTP_SERVLET, null, null, malformed),
        "precondition: the weaver itself fails on it");
    NameFilterTransformer filter = new NameFilterTransformer(Set.of(HTTP_SERVLET),
        CompletableFuture.completedFuture(weaver));

    assertNull(filter.transform(null, getClass().getClassLoader(), HTTP_SERVLET, null, null, malformed));
  }

  private static Object request() {
    return proxy(HttpServletRequest.class, (proxy, method, args) -> {
      switch (method.getName()) {
        case "getMethod": return "GET";
        case "getProtocol": return "HTTP/1.1";
        default: throw new UnsupportedOperationException(method.toString());
      }
    });
  }

  private Object response() {
    return proxy(HttpServletResponse.class, (proxy, method, args) -> {
      if (method.getName().equals("sendError")) {
        responseCalls.add("sendError " + args[0]);
        return null;
      }
      throw new UnsupportedOperationException(method.toString());
    });
  }

  private static Object proxy(Class<?> api, InvocationHandler handler) {
    return Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, handler);
  }
}
