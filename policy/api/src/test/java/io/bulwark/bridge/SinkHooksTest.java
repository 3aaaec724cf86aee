package io.bulwark.bridge;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SinkHooksTest {

  private final List<String> checked = new ArrayList<>();
  private final List<Decision> committed = new ArrayList<>();
  private final Decision block = Decision.block("r-1", 403, Map.of(), "{}");

  @BeforeEach
  void install() {
    SinkHooks.install(new SinkHooks.Checks() {
      @Override
      public Object begin(RequestView view, String requestId) {
        return requestId;
      }

      @Override
      public Decision check(Object context, int kind, String sink, Object target, Object subject) {
        checked.add(sink + " "
            + (subject instanceof byte[] ? new String((byte[]) subject, StandardCharsets.UTF_8) : subject));
        // While a check runs, the sinks it reaches itself (a DNS lookup, a class loading) pass through.
        SinkHooks.file("nested", "/ignored");
        String text =
            subject instanceof byte[] ? new String((byte[]) subject, StandardCharsets.UTF_8) : String.valueOf(subject);
        return text.contains("evil") ? block : text.contains("<!DOCTYPE") ? SinkHooks.REFUSE_OPERATION : null;
      }
    });
    SinkHooks.requestStarted("r-1", committed::add);
  }

  @AfterEach
  void uninstall() {
    SinkHooks.requestEnded();
    SinkHooks.install(null);
  }

  @Test
  void aPoolWrapperAndItsDriverCheckOnce() {
    SinkHooks.sqlEnter("java.sql.Statement", "executeQuery", "wrapper", "SELECT 1");
    SinkHooks.sqlEnter("java.sql.Statement", "executeQuery", "driver", "SELECT 1");
    SinkHooks.sqlExit();
    SinkHooks.sqlExit();
    SinkHooks.sqlEnter("java.sql.Connection", "prepareStatement", "driver", "SELECT 2");
    SinkHooks.sqlExit();

    assertEquals(List.of("java.sql.Statement.executeQuery SELECT 1", "java.sql.Connection.prepareStatement SELECT 2"),
        checked);
  }

  @Test
  void aBlockCommitsTheResponseThenUnwindsWithAnError() {
    BlockingException thrown = assertThrows(BlockingException.class, () -> SinkHooks.file("open", "/evil"));

    assertSame(block, thrown.decision());
    assertEquals(List.of(block), committed);
    assertEquals(List.of("open /evil"), checked, "the check's own file access was not checked");
  }

  @Test
  void aBlockedSqlCallUndoesItsDepthSoTheNextCallIsChecked() {
    assertThrows(BlockingException.class, () -> SinkHooks.sqlEnter("java.sql.Statement", "execute", "s", "evil"));
    SinkHooks.sqlEnter("java.sql.Statement", "execute", "s", "SELECT 3");
    SinkHooks.sqlExit();

    assertEquals(List.of("java.sql.Statement.execute evil", "java.sql.Statement.execute SELECT 3"), checked);
  }

  @Test
  void outsideARequestAndWhileSuspendedNothingIsChecked() {
    SinkHooks.suspend();
    assertDoesNotThrow(() -> SinkHooks.file("open", "/evil"));
    SinkHooks.resume();
    SinkHooks.requestEnded();
    assertDoesNotThrow(() -> SinkHooks.command(new String[] {"evil"}));

    assertEquals(List.of(), checked);
  }

  @Test
  void xmlIsPeekedWithoutConsumingTheStream() throws Exception {
    InputStream body =
        new java.io.FilterInputStream(new ByteArrayInputStream("<r>fine</r>".getBytes(StandardCharsets.UTF_8))) {
      @Override
      public boolean markSupported() {
        return false; // like a servlet request's stream
      }
    };

    InputStream parsed = (InputStream) SinkHooks.xmlSource("parse", body);

    assertEquals("<r>fine</r>", new String(parsed.readAllBytes(), StandardCharsets.UTF_8));
    assertEquals(List.of("parse <r>fine</r>"), checked);
  }

  @Test
  void aRefusedXmlParseFailsAsAHardenedParserWouldAndTheRequestGoesOn() {
    InputStream body = new ByteArrayInputStream("<!DOCTYPE r SYSTEM \"x.dtd\"><r/>".getBytes(StandardCharsets.UTF_8));

    Throwable thrown =
        assertThrows(Throwable.class, () -> SinkHooks.xmlSource("javax.xml.parsers.DocumentBuilder.parse", body));

    assertEquals(org.xml.sax.SAXParseException.class, thrown.getClass());
    assertEquals(List.of(), committed, "nothing is answered for the request");
  }
}
