package io.bulwark.instrumentation.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Every accessor of the engine's view of a servlet request, in each namespace, reads what the
 * container holds. The view calls the servlet API through method handles whose call sites must
 * match the handles' types exactly: a mismatch throws on every call, which the view's fail-open
 * paths would otherwise hide (getParameterMap did, costing an exception per sink check).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ServletNamespace.class)
class ServletRequestViewTest {

  @Parameter
  ServletNamespace namespace;

  private final FakeHttpRequest fake = new FakeHttpRequest();

  private ServletRequestView view() {
    Object request = fake.as(namespace);
    return new ServletRequestView(ServletApi.forNamespace(namespace.name).request(request), request);
  }

  @Test
  void readsTheRequestLineHeadersAndPeer() {
    fake.method = "POST";
    fake.requestUri = "/shop/api/orders";
    fake.contextPath = "/shop";
    fake.servletPath = "/api";
    fake.pathInfo = "/orders";
    fake.queryString = "q=lamp&page=2";
    fake.remoteAddr = "203.0.113.9";
    fake.scheme = "https";
    fake.header("Accept", "application/json").header("X-Tag", "a").header("X-Tag", "b");
    ServletRequestView view = view();

    assertEquals("POST", view.method());
    assertEquals("/shop/api/orders", view.rawPath());
    assertEquals("/shop/api/orders", view.containerPath());
    assertEquals("q=lamp&page=2", view.rawQuery());
    assertEquals("application/json", view.header("accept"));
    assertEquals(List.of("a", "b"), view.headers("X-Tag"));
    assertEquals(List.of(), view.headers("X-Missing"));
    assertEquals(3, view.headerCount());
    assertEquals("203.0.113.9", view.remoteAddress());
    assertEquals("https", view.scheme());
  }

  @Test
  void readsTheContainersParameters() {
    fake.queryParameters.put("q", new String[] {"lamp"});
    fake.queryParameters.put("tag", new String[] {"a", "b"});

    Map<String, String[]> parameters = view().parameters();

    assertEquals(List.of("q", "tag"), List.copyOf(parameters.keySet()));
    assertArrayEquals(new String[] {"a", "b"}, parameters.get("tag"));
  }

  @Test
  void readsAttributesAndPublishesToThem() {
    X509Certificate[] chain = new X509Certificate[0];
    fake.attributes.put(namespace.name + ".request.X509Certificate", chain);
    ServletRequestView view = view();

    assertSame(chain, view.clientCertificates());
    view.publish("bulwark.principal", "carol");
    assertEquals("carol", fake.attributes.get("bulwark.principal"));
  }

  @Test
  void readsTheBodyOnceAndKeepsIt() {
    fake.body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    ServletRequestView view = view();
    assertNull(view.bodyIfRead());

    byte[] read = view.body(1024);

    assertArrayEquals(fake.body, read);
    assertSame(read, view.body(1024));
    assertSame(read, view.bodyIfRead());
  }
}
