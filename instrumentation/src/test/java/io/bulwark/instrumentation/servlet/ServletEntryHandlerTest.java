package io.bulwark.instrumentation.servlet;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.bridge.Bulwark;
import io.bulwark.bridge.Decision;
import io.bulwark.bridge.Engine;
import io.bulwark.bridge.RequestView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** One implementation, both namespaces: every test runs against javax.servlet and jakarta.servlet. */
@ParameterizedClass(name = "{0}")
@EnumSource(ServletNamespace.class)
class ServletEntryHandlerTest {

  /** What the engine could read from the view while it decided. */
  record Seen(String method, String rawPath, String rawQuery, String containerPath, String scheme,
      String remoteAddress, String apiKeyLowerCase, String apiKeyUpperCase, List<String> accept,
      String missingHeader, List<String> missingHeaders) {

    static Seen of(RequestView view) {
      return new Seen(view.method(), view.rawPath(), view.rawQuery(), view.containerPath(), view.scheme(),
          view.remoteAddress(), view.header("x-api-key"), view.header("X-API-KEY"), view.headers("accept"),
          view.header("X-Missing"), view.headers("X-Missing"));
    }
  }

  /** An engine whose decision each test chooses; records what it was asked. */
  static final class FakeEngine implements Engine {
    Function<RequestView, Decision> decide = view -> Decision.allow("r-allow");
    Decision onFailure = Decision.allow("r-failure");
    final List<Seen> evaluated = new ArrayList<>();
    final List<Throwable> failures = new ArrayList<>();

    @Override
    public Decision evaluate(RequestView request) {
      evaluated.add(Seen.of(request));
      return decide.apply(request);
    }

    @Override
    public Decision failure(Throwable error, RequestView request) {
      failures.add(error);
      return onFailure;
    }
  }

  private static final String PROBLEM =
      "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"requestId\":\"r-1\"}";
  /** Not ASCII: the body's length in bytes differs from its length in characters. */
  private static final String PROBLEM_WITH_ACCENTS =
      "{\"title\":\"Forbidden\",\"detail\":\"caf\u00e9 \u2013 \u00fcber\",\"status\":403}";

  @Parameter
  ServletNamespace namespace;

  private final FakeEngine engine = new FakeEngine();
  private final FakeHttpRequest request = new FakeHttpRequest();
  private final FakeHttpResponse response = new FakeHttpResponse();
  private final ServletEntryHandler handler = new ServletEntryHandler();

  @BeforeEach
  void installEngine() {
    Bulwark.install(engine);
  }

  @AfterEach
  void restoreEngine() {
    Bulwark.install(Engine.ALLOW_ALL);
  }

  private boolean enter() {
    return handler.enter(namespace.name, request.as(namespace), response.as(namespace));
  }

  private void blockWith(int status, Map<String, String> headers, String body) {
    engine.decide = view -> Decision.block("r-1", status, headers, body);
  }

  @Test
  void allowedRequestProceedsWithTheResponseUntouched() {
    assertFalse(enter());

    assertEquals(1, engine.evaluated.size());
    assertTrue(response.untouched(), () -> "response calls: " + response.calls);
  }

  @Test
  void engineSeesTheRequestAsTheContainerReportsIt() {
    request.method = "POST";
    request.requestUri = "/shop/api/items/%2e%2e/admin;jsessionid=1";
    request.queryString = "q=a%20b&x=1";
    request.contextPath = "/shop";
    request.servletPath = "/api";
    request.pathInfo = "/admin";
    request.scheme = "https";
    request.remoteAddr = "203.0.113.9";
    request.header("X-API-Key", "k-1").header("Accept", "text/html").header("accept", "application/json");

    enter();

    Seen seen = engine.evaluated.get(0);
    assertAll(
        () -> assertEquals("POST", seen.method()),
        () -> assertEquals("/shop/api/items/%2e%2e/admin;jsessionid=1", seen.rawPath()),
        () -> assertEquals("q=a%20b&x=1", seen.rawQuery()),
        () -> assertEquals("/shop/api/admin", seen.containerPath()),
        () -> assertEquals("https", seen.scheme()),
        () -> assertEquals("203.0.113.9", seen.remoteAddress()),
        () -> assertEquals("k-1", seen.apiKeyLowerCase()),
        () -> assertEquals("k-1", seen.apiKeyUpperCase()),
        () -> assertEquals(List.of("text/html", "application/json"), seen.accept()),
        () -> assertNull(seen.missingHeader()),
        () -> assertEquals(List.of(), seen.missingHeaders()));
  }

  @Test
  void containerPathLeavesOutTheRootContextAndAMissingPathInfo() {
    request.requestUri = "/health";
    request.contextPath = "";
    request.servletPath = "/health";
    request.pathInfo = null;

    enter();

    assertEquals("/health", engine.evaluated.get(0).containerPath());
    assertNull(engine.evaluated.get(0).rawQuery());
  }

  @Test
  void blockingDecisionReplacesTheResponseWithTheProblemAndSkipsTheApplication() {
    response.headers.put("X-Set-By-The-App", "1");
    blockWith(403, FakeHttpResponse.orderedHeaders("WWW-Authenticate", "Bearer", "X-Request-Id", "r-1"),
        PROBLEM_WITH_ACCENTS);

    assertTrue(enter());

    byte[] expected = PROBLEM_WITH_ACCENTS.getBytes(StandardCharsets.UTF_8);
    assertAll(
        () -> assertEquals("reset", response.calls.get(1), () -> "reset first: " + response.calls),
        () -> assertEquals(403, response.status),
        () -> assertEquals("application/problem+json", response.contentType),
        () -> assertEquals(Map.of("WWW-Authenticate", "Bearer", "X-Request-Id", "r-1"), Map.copyOf(response.headers)),
        () -> assertEquals(expected.length, response.contentLength),
        () -> assertArrayEquals(expected, response.body()),
        () -> assertTrue(response.committed, "the answer is flushed"),
        () -> assertEquals("flushBuffer", response.calls.get(response.calls.size() - 1)));
  }

  @Test
  void requestMarkedAsEvaluatedIsNotEvaluatedAgain() {
    request.attributes.put(ServletEntryHandler.EVALUATED, Boolean.TRUE);
    blockWith(403, Map.of(), PROBLEM);

    assertFalse(enter());

    assertEquals(List.of(), engine.evaluated);
    assertTrue(response.untouched());
  }

  @Test
  void laterDispatchOfTheSameRequestIsNotEvaluatedAgain() {
    assertFalse(enter());
    blockWith(403, Map.of(), PROBLEM);

    assertFalse(enter(), "a forward, include, error or async dispatch of an allowed request");

    assertEquals(1, engine.evaluated.size());
    assertEquals(Boolean.TRUE, request.attributes.get(ServletEntryHandler.EVALUATED));
  }

  @Test
  void nonHttpRequestIsIgnored() {
    blockWith(403, Map.of(), PROBLEM);

    assertFalse(handler.enter(namespace.name, request.asNonHttp(namespace), response.asNonHttp(namespace)));

    assertEquals(List.of(), engine.evaluated);
    assertEquals(Map.of(), request.attributes);
    assertTrue(response.calls.isEmpty());
  }

  @Test
  void requestOfTheOtherNamespaceIsIgnored() {
    ServletNamespace other = namespace == ServletNamespace.JAVAX ? ServletNamespace.JAKARTA : ServletNamespace.JAVAX;
    blockWith(403, Map.of(), PROBLEM);

    assertFalse(handler.enter(other.name, request.as(namespace), response.as(namespace)));

    assertEquals(List.of(), engine.evaluated);
    assertTrue(response.calls.isEmpty());
  }

  @Test
  void engineThatThrowsHasItsFailureDecisionApplied() {
    IllegalStateException bug = new IllegalStateException("engine bug");
    engine.decide = view -> {
      throw bug;
    };
    engine.onFailure = Decision.block("r-f", 503, Map.of("Retry-After", "1"), "{\"status\":503}");

    assertTrue(enter());

    assertEquals(List.of(bug), engine.failures);
    assertEquals(503, response.status);
    assertEquals("1", response.headers.get("Retry-After"));
    assertArrayEquals("{\"status\":503}".getBytes(StandardCharsets.UTF_8), response.body());
  }

  @Test
  void engineThatThrowsWhileFailingOpenLetsTheRequestThrough() {
    IllegalStateException bug = new IllegalStateException("engine bug");
    engine.decide = view -> {
      throw bug;
    };

    assertFalse(enter());

    assertEquals(List.of(bug), engine.failures);
    assertTrue(response.untouched());
  }

  @Test
  void committedResponseIsNotWrittenButTheApplicationIsStillSkipped() {
    response.committed = true;
    blockWith(403, Map.of("X-Request-Id", "r-1"), PROBLEM);

    assertTrue(enter());

    assertEquals(List.of("isCommitted"), response.calls);
    assertEquals(200, response.status);
    assertEquals(0, response.body().length);
  }

  @Test
  void writerIsUsedWhenTheOutputStreamIsNoLongerAvailable() {
    response.outputStreamFailure = new IllegalStateException("getWriter() has already been called");
    blockWith(401, Map.of(), PROBLEM);

    assertTrue(enter());

    assertEquals(401, response.status);
    assertEquals("application/problem+json", response.contentType);
    assertTrue(response.calls.contains("getWriter"), () -> "response calls: " + response.calls);
    assertEquals(PROBLEM, new String(response.body(), StandardCharsets.UTF_8));
    assertEquals(PROBLEM.length(), response.contentLength);
  }

  @Test
  void writerFallbackSendsTheUtf8BodyItAnnouncedInContentLength() {
    response.outputStreamFailure = new IllegalStateException("getWriter() has already been called");
    blockWith(403, Map.of(), PROBLEM_WITH_ACCENTS);

    assertTrue(enter());

    assertArrayEquals(PROBLEM_WITH_ACCENTS.getBytes(StandardCharsets.UTF_8), response.body(),
        () -> "the writer encoded the body in " + (response.characterEncoding == null ? "the container default"
            + " ISO-8859-1" : response.characterEncoding) + ": "
            + new String(response.body(), StandardCharsets.ISO_8859_1));
    assertEquals(response.body().length, response.contentLength);
  }

  @Test
  void blockedRequestIsSkippedEvenWhenTheAnswerCannotBeWritten() {
    response.outputStreamFailure = new UnsupportedOperationException("connection gone");
    blockWith(403, Map.of(), PROBLEM);

    assertTrue(enter());
  }

  @Test
  void requestIdPublishedByTheEngineBecomesARequestAttribute() {
    engine.decide = view -> {
      view.publish(Bulwark.REQUEST_ID_ATTRIBUTE, "r-42");
      return Decision.allow("r-42");
    };

    enter();

    assertSame("r-42", request.attributes.get("bulwark.requestId"));
  }
}
