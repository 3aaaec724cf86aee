package io.bulwark.instrumentation.weave;

import static io.bulwark.instrumentation.weave.MethodMatcher.constructor;
import static io.bulwark.instrumentation.weave.MethodMatcher.named;
import static io.bulwark.instrumentation.weave.Value.argument;
import static io.bulwark.instrumentation.weave.Value.constant;
import static io.bulwark.instrumentation.weave.Value.methodName;
import static io.bulwark.instrumentation.weave.Value.self;
import static io.bulwark.instrumentation.weave.Value.thrown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bulwark.instrumentation.weave.MethodAdvice.OnEnter;
import io.bulwark.instrumentation.weave.MethodAdvice.OnThrow;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each advice shape woven into a real class, which the JVM then loads (and verifies) in a fresh
 * class loader and runs.
 */
class ClassWeaverTest {

  private static final Class<?> HOOKS = Woven.Hooks.class;

  @BeforeEach
  void reset() {
    Woven.CALLS.clear();
    Woven.skip = false;
    Woven.answer = null;
  }

  /** A fresh copy of {@link Woven.Target} with {@code advice} woven in. */
  private static Class<?> weave(MethodAdvice... advice) throws Exception {
    byte[] woven = ClassWeaver.weave(classFile(Woven.Target.class), List.of(advice));
    if (woven == null) {
      throw new AssertionError("no method matched");
    }
    return new ClassLoader("woven", ClassWeaverTest.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
          if (name.equals(Woven.Target.class.getName())) {
            Class<?> loaded = findLoadedClass(name);
            return loaded != null ? loaded : defineClass(name, woven, 0, woven.length);
          }
          return super.loadClass(name, resolve);
        }
      }
    }.loadClass(Woven.Target.class.getName());
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1)
        + ".class")) {
      return in.readAllBytes();
    }
  }

  private static Object target(Class<?> type) throws Exception {
    return type.getConstructor(String.class).newInstance("made");
  }

  /** Invokes and unwraps what the method threw. */
  private static Object call(Object target, Class<?> type, String name, Class<?>[] parameters, Object... args)
      throws Throwable {
    Method method = type.getMethod(name, parameters);
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Object dispatch(Class<?> type, Object context) throws Throwable {
    return call(target(type), type, "dispatch", new Class<?>[] {Object.class}, context);
  }

  @Test
  void entryHookGetsConstantsThisAndArgumentsAndTheBodyRuns() throws Throwable {
    Class<?> type = weave(MethodAdvice.on(named("dispatch"))
        .enter(Hook.of(HOOKS, "enter", constant("jersey"), self(), argument(0)), OnEnter.CONTINUE)
        .enter(Hook.of(HOOKS, "method", methodName()), OnEnter.CONTINUE).build());

    assertEquals("body ctx", dispatch(type, "ctx"));
    assertEquals(List.of("enter jersey true ctx", "method dispatch"), Woven.CALLS);
  }

  @Test
  void nonNullAnswerIsReturnedInsteadOfTheBody() throws Throwable {
    Class<?> type = weave(MethodAdvice.on(named("dispatch"))
        .enter(Hook.of(HOOKS, "answer", argument(0)), OnEnter.SKIP_IF_NOT_NULL).build());

    assertEquals("body a", dispatch(type, "a"));
    Woven.answer = "answered";
    assertEquals("answered", dispatch(type, "boom"), "the body, which would throw, did not run");
  }

  @Test
  void nonNullAnswerMakesABooleanMethodReturnFalse() throws Throwable {
    Class<?> type = weave(MethodAdvice.on(named("preHandle").takesArguments(2))
        .enter(Hook.of(HOOKS, "answer", argument(0)), OnEnter.SKIP_IF_NOT_NULL).build());
    Class<?>[] parameters = {Object.class, Object.class};

    assertEquals(true, call(target(type), type, "preHandle", parameters, "r", "s"));
    Woven.answer = Boolean.FALSE;
    assertEquals(false, call(target(type), type, "preHandle", parameters, "r", "s"));
    assertEquals(List.of("answer r", "preHandle body", "answer r"), Woven.CALLS);
  }

  @Test
  void skippedBodyStillRunsTheReturnHooksAndTheLaterEntryHooks() throws Throwable {
    Class<?> type = weave(MethodAdvice.on(named("silent"))
        .enter(Hook.of(HOOKS, "decide", constant("x")), OnEnter.SKIP_IF_TRUE)
        .enter(Hook.of(HOOKS, "method", methodName()), OnEnter.CONTINUE)
        .onReturn(Hook.of(HOOKS, "returned")).build());
    Woven.skip = true;

    call(target(type), type, "silent", new Class<?>[0]);

    assertEquals(List.of("decide x", "method silent", "returned"), Woven.CALLS);
  }

  @Test
  void staticMethodIsSkippedWhenTheHookSaysSo() throws Throwable {
    Class<?> type = weave(MethodAdvice.on(named("configure").isStatic())
        .enter(Hook.of(HOOKS, "decide", argument(0)), OnEnter.SKIP_IF_TRUE).build());
    Class<?>[] parameters = {Object.class};

    call(null, type, "configure", parameters, "one");
    Woven.skip = true;
    call(null, type, "configure", parameters, "two");

    assertEquals(List.of("decide one", "configure body one", "decide two"), Woven.CALLS);
  }

  @Test
  void throwingBodyIsAnsweredByTheThrowHookOrThrowsOn() throws Throwable {
    Class<?> type = weave(MethodAdvice.on(named("dispatch"))
        .onThrow(Hook.of(HOOKS, "recover", thrown(), argument(0)), OnThrow.RETURN_HOOK_RESULT).build());

    assertEquals("body fine", dispatch(type, "fine"));
    assertEquals("recovered", dispatch(type, "boom"));
    IllegalStateException rethrown = assertThrows(IllegalStateException.class, () -> dispatch(type, "boom-rethrow"));
    assertEquals("rethrown: boom-rethrow", rethrown.getMessage());
    assertEquals(List.of("recover boom boom", "recover boom-rethrow boom-rethrow"), Woven.CALLS);
  }

  @Test
  void returnAndThrowHooksRunOnceOnEveryPathAndTheErrorGoesOn() throws Throwable {
    Class<?> type = weave(MethodAdvice.on(named("classify"))
        .onReturn(Hook.of(HOOKS, "returned"))
        .onThrow(Hook.of(HOOKS, "thrown", thrown()), OnThrow.RETHROW).build());
    Object target = target(type);
    Class<?>[] parameters = {String.class};

    assertEquals(0, call(target, type, "classify", parameters, ""));
    assertEquals(1, call(target, type, "classify", parameters, "SELECT 1"));
    assertEquals(2, call(target, type, "classify", parameters, "DELETE"));
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> call(target, type, "classify", parameters, (Object) null));

    assertEquals("no sql", thrown.getMessage());
    assertEquals(List.of("returned", "returned", "returned", "thrown no sql"), Woven.CALLS);
  }

  @Test
  void aReturnHookThatThrowsIsNotTakenForTheMethodThrowing() throws Throwable {
    Class<?> type = weave(MethodAdvice.on(named("silent"))
        .onReturn(Hook.of(HOOKS, "fails"))
        .onThrow(Hook.of(HOOKS, "thrown", thrown()), OnThrow.RETHROW).build());

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> call(target(type), type, "silent", new Class<?>[0]));

    assertEquals("hook failed", e.getMessage());
    assertEquals(List.of("silent body"), Woven.CALLS, "the throw hook did not run");
  }

  @Test
  void exceptionTheMethodCatchesItselfIsNotSeen() throws Throwable {
    Class<?> type = weave(MethodAdvice.on(named("catchesItself"))
        .onThrow(Hook.of(HOOKS, "thrown", thrown()), OnThrow.RETHROW).build());

    assertEquals("caught inner x", call(target(type), type, "catchesItself", new Class<?>[] {Object.class}, "x"));
    assertEquals(List.of(), Woven.CALLS);
  }

  @Test
  void wideArgumentsAndALoopAtTheFirstInstructionKeepTheirFrames() throws Throwable {
    Class<?> type = weave(
        MethodAdvice.on(named("sum"))
            .enter(Hook.of(HOOKS, "decide", argument(1)), OnEnter.SKIP_IF_TRUE)
            .onReturn(Hook.of(HOOKS, "returned"))
            .onThrow(Hook.of(HOOKS, "thrown", thrown()), OnThrow.RETHROW).build(),
        MethodAdvice.on(named("loopFirst"))
            .enter(Hook.of(HOOKS, "answer", constant("loop")), OnEnter.SKIP_IF_NOT_NULL)
            .onThrow(Hook.of(HOOKS, "thrown", thrown()), OnThrow.RETHROW).build());
    Object target = target(type);

    assertEquals(6L, call(target, type, "sum", new Class<?>[] {long.class, Object.class, double.class}, 3L, "s", 2.5));
    Woven.skip = true;
    assertEquals(0L, call(target, type, "sum", new Class<?>[] {long.class, Object.class, double.class}, 3L, "t", 2.5));
    assertEquals(7, call(target, type, "loopFirst", new Class<?>[] {int.class}, 37));
    Woven.answer = "skip";
    assertEquals(0, call(target, type, "loopFirst", new Class<?>[] {int.class}, 37));
    assertEquals(List.of("decide s", "sum s", "returned", "decide t", "returned", "answer loop", "answer loop"),
        Woven.CALLS);
  }

  @Test
  void argumentIsReplacedByTheHooksResult() throws Throwable {
    Class<?> type = weave(MethodAdvice.on(named("replaced").takesArguments("java.lang.String", "int"))
        .replaceArgument(0, Hook.of(HOOKS, "replace", argument(0))).build());

    assertEquals("replaced-abreplaced-ab",
        call(target(type), type, "replaced", new Class<?>[] {String.class, int.class}, "ab", 2));
  }

  @Test
  void constructorGetsItsArgumentsBeforeTheSuperConstructorRuns() throws Throwable {
    Class<?> type = weave(MethodAdvice.on(constructor().takesArguments("java.lang.String"))
        .enter(Hook.of(HOOKS, "args", argument(0)), OnEnter.CONTINUE).build());

    target(type);

    assertEquals(List.of("args made"), Woven.CALLS);
  }

  @Test
  void adviceThatCannotFitItsMethodIsRefusedRatherThanWritten() {
    MethodAdvice skippingConstructor = MethodAdvice.on(constructor())
        .enter(Hook.of(HOOKS, "decide", argument(0)), OnEnter.SKIP_IF_TRUE).build();
    MethodAdvice thisOfAStaticMethod = MethodAdvice.on(named("configure"))
        .enter(Hook.of(HOOKS, "enter", constant("c"), self(), argument(0)), OnEnter.CONTINUE).build();
    MethodAdvice primitiveArgument = MethodAdvice.on(named("loopFirst"))
        .enter(Hook.of(HOOKS, "args", argument(0)), OnEnter.CONTINUE).build();

    assertThrows(IllegalArgumentException.class, () -> weave(skippingConstructor));
    assertThrows(IllegalArgumentException.class, () -> weave(thisOfAStaticMethod));
    assertThrows(IllegalArgumentException.class, () -> weave(primitiveArgument));
  }

  @Test
  void classWithoutAMatchingMethodIsNotRewritten() throws Exception {
    assertNull(ClassWeaver.weave(classFile(Woven.Target.class),
        List.of(MethodAdvice.on(named("absent")).enter(Hook.of(HOOKS, "returned"), OnEnter.CONTINUE).build())));
  }

  @Test
  void hookMustBeAPublicStaticMethodTakingReferences() {
    assertThrows(IllegalArgumentException.class, () -> Hook.of(HOOKS, "absent").resolved());
    assertThrows(IllegalArgumentException.class,
        () -> Hook.of(Woven.Target.class, "loopFirst", argument(0)).resolved());
    assertThrows(IllegalArgumentException.class, () -> Hook.of(HOOKS, "count", argument(0)).resolved());
  }
}
