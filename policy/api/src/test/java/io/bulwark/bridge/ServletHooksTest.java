package io.bulwark.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServletHooksTest {

  /** Records the calls that reach it; blocks when {@code block} is set. */
  private static final class RecordingHandler implements ServletHooks.Handler {
    final List<String> calls = new ArrayList<>();
    boolean block;
    RuntimeException failOnEnter;

    @Override
    public boolean enter(String namespace, Object request, Object response) {
      calls.add("enter " + namespace + " " + request);
      if (failOnEnter != null) {
        throw failOnEnter;
      }
      return block;
    }

    @Override
    public void exit(Object request, Object response, Throwable thrown) {
      calls.add("exit " + request + (thrown == null ? "" : " " + thrown.getClass().getSimpleName()));
    }
  }

  private final RecordingHandler handler = new RecordingHandler();

  @AfterEach
  void uninstall() {
    ServletHooks.install(null);
  }

  @Test
  void onlyTheOutermostFilterOrServletReachesTheHandler() {
    ServletHooks.install(handler);

    assertFalse(ServletHooks.enter("jakarta.servlet", "filter", null));
    assertFalse(ServletHooks.enter("jakarta.servlet", "nested-filter", null));
    assertFalse(ServletHooks.enter("jakarta.servlet", "servlet", null));
    assertNull(ServletHooks.exit("servlet", null, null));
    assertNull(ServletHooks.exit("nested-filter", null, null));
    assertNull(ServletHooks.exit("filter", null, null));

    assertEquals(List.of("enter jakarta.servlet filter", "exit filter"), handler.calls);
  }

  @Test
  void nextRequestOnTheSameThreadReachesTheHandlerAgain() {
    ServletHooks.install(handler);

    ServletHooks.enter("javax.servlet", "first", null);
    ServletHooks.exit("first", null, null);
    ServletHooks.enter("javax.servlet", "second", null);
    ServletHooks.exit("second", null, null);

    assertEquals(List.of("enter javax.servlet first", "exit first", "enter javax.servlet second", "exit second"),
        handler.calls);
  }

  @Test
  void blockingHandlerSkipsTheApplication() {
    handler.block = true;
    ServletHooks.install(handler);

    assertTrue(ServletHooks.enter("jakarta.servlet", "request", null));
    ServletHooks.exit("request", null, null);
  }

  @Test
  void blockingExceptionFromASinkStopsAtTheOutermostFilter() {
    ServletHooks.install(handler);
    BlockingException blocked = new BlockingException(Decision.block("id", 403, Map.of(), "{}"));

    ServletHooks.enter("jakarta.servlet", "filter", null);
    ServletHooks.enter("jakarta.servlet", "servlet", null);

    assertSame(blocked, ServletHooks.exit("servlet", null, blocked), "nested calls keep unwinding");
    assertNull(ServletHooks.exit("filter", null, blocked), "the outermost call swallows it");
    assertEquals(List.of("enter jakarta.servlet filter", "exit filter BlockingException"), handler.calls);
  }

  @Test
  void applicationExceptionsAreRethrownUnchanged() {
    ServletHooks.install(handler);
    IllegalStateException thrown = new IllegalStateException("app failure");

    ServletHooks.enter("jakarta.servlet", "request", null);

    assertSame(thrown, ServletHooks.exit("request", null, thrown));
  }

  @Test
  void failingHandlerLetsTheRequestThroughAndKeepsTheDepthRight() {
    handler.failOnEnter = new IllegalStateException("handler bug");
    ServletHooks.install(handler);

    assertFalse(ServletHooks.enter("jakarta.servlet", "first", null));
    ServletHooks.exit("first", null, null);
    handler.failOnEnter = null;
    ServletHooks.enter("jakarta.servlet", "second", null);
    ServletHooks.exit("second", null, null);

    assertEquals(List.of("enter jakarta.servlet first", "exit first", "enter jakarta.servlet second",
        "exit second"), handler.calls);
  }

  @Test
  void withoutAHandlerEverythingProceeds() {
    assertFalse(ServletHooks.enter("jakarta.servlet", "request", null));
    assertNull(ServletHooks.exit("request", null, null));
  }
}
