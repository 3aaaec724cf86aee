package io.bulwark.instrumentation.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The request the application is shown once Bulwark has read the body: a generated subclass of the
 * real {@code HttpServletRequestWrapper} of each namespace, giving the same bytes through every way
 * an application reads a body.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ServletNamespace.class)
class ReplayingRequestTest {

  @Parameter
  ServletNamespace namespace;

  private Object replaying(FakeHttpRequest fake, int max) throws Exception {
    Object request = fake.as(namespace);
    ServletApi.Request api = ServletApi.forNamespace(namespace.name).request(request);
    ServletRequestView view = new ServletRequestView(api, request);
    view.body(max);
    String contentType = fake.headers.containsKey("Content-Type") ? fake.headers.get("Content-Type").get(0) : null;
    return ReplayingRequest.wrap(namespace.name, api, request, view.replay(), contentType);
  }

  private static Object call(Object target, String method, Object... args) throws Exception {
    for (Method candidate : target.getClass().getMethods()) {
      if (candidate.getName().equals(method) && candidate.getParameterCount() == args.length) {
        try {
          return candidate.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw (Exception) e.getCause();
        }
      }
    }
    throw new NoSuchMethodException(method);
  }

  @Test
  void theApplicationReadsExactlyTheBytesSentThroughItsStream() throws Exception {
    byte[] body = new byte[100_000];
    new Random(7).nextBytes(body);
    FakeHttpRequest fake = new FakeHttpRequest().header("Content-Type", "application/octet-stream");
    fake.body = body;
    Object request = replaying(fake, 1 << 20);

    assertTrue(namespace.httpRequest.isInstance(request));
    assertEquals(namespace.name + ".http.HttpServletRequestWrapper", request.getClass().getSuperclass().getName());
    InputStream in = (InputStream) call(request, "getInputStream");
    assertSame(in, call(request, "getInputStream"), "one stream per request, as in a container");
    assertTrue(Class.forName(namespace.name + ".ServletInputStream", false, request.getClass().getClassLoader())
        .isInstance(in));
    assertArrayEquals(body, in.readAllBytes());
    assertEquals(true, call(in, "isFinished"));
    assertThrows(IllegalStateException.class, () -> call(request, "getReader"));
  }

  @Test
  void aBodyLargerThanWhatWasReadIsReplayedWhole() throws Exception {
    byte[] body = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
    FakeHttpRequest fake = new FakeHttpRequest();
    fake.body = body;
    Object request = replaying(fake, 8); // monitor mode lets an over-limit body through

    assertArrayEquals(body, ((InputStream) call(request, "getInputStream")).readAllBytes());
  }

  @Test
  void theReaderDecodesTheBodyWithTheRequestsEncoding() throws Exception {
    FakeHttpRequest fake = new FakeHttpRequest().header("Content-Type", "application/json; charset=UTF-8");
    fake.body = "{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8);
    fake.characterEncoding = "UTF-8";
    Object request = replaying(fake, 1024);

    BufferedReader reader = (BufferedReader) call(request, "getReader");
    assertEquals("{\"name\":\"Zoë\"}", reader.readLine());
    assertThrows(IllegalStateException.class, () -> call(request, "getInputStream"));
  }

  @Test
  void formParametersAreTheQuerysFollowedByTheBodysAndThenTheStreamIsEmpty() throws Exception {
    FakeHttpRequest fake = new FakeHttpRequest().header("Content-Type", "application/x-www-form-urlencoded");
    fake.queryParameters.put("tag", new String[] {"q"});
    fake.body = "tag=b1&text=O%27Brien+%26+sons&tag=b2&empty".getBytes(StandardCharsets.US_ASCII);
    Object request = replaying(fake, 1024);

    assertArrayEquals(new String[] {"q", "b1", "b2"}, (String[]) call(request, "getParameterValues", "tag"));
    assertEquals("O'Brien & sons", call(request, "getParameter", "text"));
    assertEquals("", call(request, "getParameter", "empty"));
    @SuppressWarnings("unchecked")
    Map<String, String[]> map = (Map<String, String[]>) call(request, "getParameterMap");
    assertEquals(List.of("tag", "text", "empty"), new ArrayList<>(map.keySet()));
    assertEquals(-1, ((InputStream) call(request, "getInputStream")).read(), "the parameters used the body");
  }

  @Test
  void aFormTheApplicationReadsItselfLeavesTheParametersToTheQuery() throws Exception {
    FakeHttpRequest fake = new FakeHttpRequest().header("Content-Type", "application/x-www-form-urlencoded");
    fake.queryParameters.put("page", new String[] {"2"});
    fake.body = "a=1".getBytes(StandardCharsets.US_ASCII);
    Object request = replaying(fake, 1024);

    assertArrayEquals("a=1".getBytes(StandardCharsets.US_ASCII),
        ((InputStream) call(request, "getInputStream")).readAllBytes());
    assertEquals(null, call(request, "getParameter", "a"));
    assertEquals("2", call(request, "getParameter", "page"));
  }

  @Test
  void aMultipartBodyIsGivenAsPartsAndItsFieldsAsParameters() throws Exception {
    FakeHttpRequest fake = new FakeHttpRequest().header("Content-Type", "multipart/form-data; boundary=XyZ");
    fake.queryParameters.put("album", new String[] {"7"});
    byte[] photo = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0, 1, 2};
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.write(("--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nO'Brien's lamp\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"lamp.png\"\r\n"
        + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(photo);
    body.write("\r\n--XyZ--\r\n".getBytes(StandardCharsets.UTF_8));
    fake.body = body.toByteArray();
    Object request = replaying(fake, 1 << 16);

    assertEquals("O'Brien's lamp", call(request, "getParameter", "title"));
    assertEquals("7", call(request, "getParameter", "album"));
    java.util.Collection<?> parts = (java.util.Collection<?>) call(request, "getParts");
    assertEquals(2, parts.size());
    Object file = call(request, "getPart", "photo");
    assertEquals("lamp.png", call(file, "getSubmittedFileName"));
    assertEquals("image/png", call(file, "getContentType"));
    assertEquals((long) photo.length, call(file, "getSize"));
    assertArrayEquals(photo, ((InputStream) call(file, "getInputStream")).readAllBytes());
    assertEquals("form-data; name=\"photo\"; filename=\"lamp.png\"", call(file, "getHeader", "Content-Disposition"));
  }

  @Test
  void aReadListenerIsToldTheDataIsThereAndThenThatItWasAllRead() throws Exception {
    FakeHttpRequest fake = new FakeHttpRequest();
    fake.body = "hello".getBytes(StandardCharsets.US_ASCII);
    Object request = replaying(fake, 1024);
    InputStream in = (InputStream) call(request, "getInputStream");
    List<String> events = new ArrayList<>();
    Class<?> listenerType = Class.forName(namespace.name + ".ReadListener");
    Object listener = java.lang.reflect.Proxy.newProxyInstance(listenerType.getClassLoader(),
        new Class<?>[] {listenerType}, (proxy, method, args) -> {
          if (method.getName().equals("onDataAvailable")) {
            StringBuilder read = new StringBuilder();
            int b;
            while ((boolean) call(in, "isReady") && (b = in.read()) >= 0) {
              read.append((char) b);
            }
            events.add("data " + read);
          } else {
            events.add(method.getName());
          }
          return null;
        });

    call(in, "setReadListener", listener);

    assertEquals(List.of("data hello", "onAllDataRead"), events);
    assertNotSame(request, fake);
  }
}
