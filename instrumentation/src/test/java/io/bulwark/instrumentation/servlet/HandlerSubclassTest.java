package io.bulwark.instrumentation.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generated subclasses pass every argument, answer and exception through, primitives included. */
class HandlerSubclassTest {

  /**
   * A super class with the shapes the servlet API has: primitives, void, arrays, a final and a protected constructor.
   */
  public abstract static class Source {
    final String label;

    protected Source(String label) {
      this.label = label;
    }

    public Source(int number, long wide) {
      this("n" + number + "/" + wide);
    }

    public abstract int read() throws IOException;

    public int read(byte[] buffer, int offset, int length) throws IOException {
      return -1;
    }

    public long skip(long n) {
      return 0;
    }

    public boolean isFinished() {
      return true;
    }

    public void close() {}

    public String describe(double ratio, char mark) {
      return "super";
    }

    public final String name() {
      return "final";
    }

    public String untouched() {
      return "super's own";
    }
  }

  private final List<String> calls = new ArrayList<>();

  private InvocationHandler handlerAnswering(Object answer) {
    return (proxy, method, args) -> {
      calls.add(method.getDeclaringClass().getSimpleName() + "." + method.getName() + describe(args));
      if (answer instanceof Throwable) {
        throw (Throwable) answer;
      }
      return answer;
    };
  }

  private static String describe(Object[] args) {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i];
      text.append(i == 0 ? "" : ",").append(arg instanceof byte[] ? "bytes" + ((byte[]) arg).length : arg);
    }
    return text.append(")").toString();
  }

  private static Source create(Class<?> type, InvocationHandler handler, Object... constructorArgs) throws Exception {
    Object created = constructorArgs.length == 1
        ? type.getConstructor(String.class).newInstance(constructorArgs)
        : type.getConstructor(int.class, long.class).newInstance(constructorArgs);
    type.getField(HandlerSubclass.HANDLER).set(created, handler);
    return (Source) created;
  }

  private static Class<?> generate(String name) {
    return HandlerSubclass.define(Source.class, "io.bulwark.generated.test." + name,
        Set.of("read", "skip", "isFinished", "close", "describe", "name"));
  }

  @Test
  void primitivesAreBoxedForTheHandlerAndUnboxedFromIt() throws Exception {
    Class<?> type = generate("Primitives");
    Source source = create(type, handlerAnswering(7), "x");
    assertEquals(7, source.read());
    assertEquals(7, source.read(new byte[4], 1, 2));
    assertEquals(List.of("Source.read()", "Source.read(bytes4,1,2)"), calls);

    calls.clear();
    type.getField(HandlerSubclass.HANDLER).set(source, handlerAnswering(42L));
    assertEquals(42L, source.skip(Long.MAX_VALUE));
    type.getField(HandlerSubclass.HANDLER).set(source, handlerAnswering(false));
    assertEquals(false, source.isFinished());
    type.getField(HandlerSubclass.HANDLER).set(source, handlerAnswering("answered"));
    assertEquals("answered", source.describe(0.5, 'z'));
    type.getField(HandlerSubclass.HANDLER).set(source, handlerAnswering(null));
    source.close();
    assertEquals(List.of("Source.skip(" + Long.MAX_VALUE + ")", "Source.isFinished()", "Source.describe(0.5,z)",
        "Source.close()"), calls);
  }

  @Test
  void constructorsOfTheSuperClassArePassedThrough() throws Exception {
    Class<?> type = generate("Constructors");
    assertEquals("plain", create(type, handlerAnswering(null), "plain").label);
    assertEquals("n3/9000000000", create(type, handlerAnswering(null), 3, 9_000_000_000L).label);
    assertSame(Source.class, type.getSuperclass());
    assertNotSame(Source.class.getClassLoader(), type.getClassLoader());
    assertSame(Source.class.getClassLoader(), type.getClassLoader().getParent());
  }

  @Test
  void finalAndUnnamedMethodsKeepTheSuperClassBehaviour() throws Exception {
    Source source = create(generate("Untouched"), handlerAnswering("from the handler"), "x");
    assertEquals("final", source.name());
    assertEquals("super's own", source.untouched());
    assertTrue(calls.isEmpty(), calls::toString);
  }

  @Test
  void theHandlerIsGivenTheOverriddenMethodAndItsExceptionsPassThrough() throws Exception {
    Method[] seen = new Method[1];
    Source source = create(generate("Exceptions"), (proxy, method, args) -> {
      seen[0] = method;
      throw new IOException("disk gone");
    }, "x");
    IOException thrown = assertThrows(IOException.class, source::read);
    assertEquals("disk gone", thrown.getMessage());
    assertEquals(Source.class.getMethod("read"), seen[0]);
    assertArrayEquals(new Class<?>[0], seen[0].getParameterTypes());
  }

  @Test
  void aNullAnswerForAReferenceTypeIsNull() throws Exception {
    Source source = create(generate("Nulls"), handlerAnswering(null), "x");
    assertNull(source.describe(1, 'a'));
  }
}
