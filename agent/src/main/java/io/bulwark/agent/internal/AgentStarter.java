package io.bulwark.agent.internal;

import io.bulwark.bridge.AgentLog;
import io.bulwark.bridge.Bulwark;
import io.bulwark.bridge.DispatchHooks;
import io.bulwark.bridge.ServletHooks;
import io.bulwark.bridge.SinkHooks;
import io.bulwark.policy.sink.SerialFilter;
import io.bulwark.policy.sink.SinkEngine;
import io.bulwark.instrumentation.Instrumentations;
import io.bulwark.instrumentation.RoutingAdapters;
import io.bulwark.instrumentation.servlet.ServletEntryHandler;
import io.bulwark.policy.audit.AuditEvent;
import io.bulwark.policy.audit.AuditField;
import io.bulwark.policy.audit.AuditLog;
import io.bulwark.policy.audit.SwitchingAuditLog;
import io.bulwark.policy.engine.BulwarkEngine;
import io.bulwark.policy.engine.WarmUp;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.reload.PolicyReloader;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;

/** Assembles the running agent inside the isolated class loader: policy, audit, engine, advice. */
public final class AgentStarter {

  private AgentStarter() {}

  /**
   * Called reflectively by {@code io.bulwark.agent.BulwarkAgent}.
   *
   * <p>At {@code -javaagent} start only what must precede the application's first class is done on
   * the premain thread: the hooks and the class-file transformer (a name filter; the advice is built
   * on its own background thread). Policy, audit and engine are assembled on {@code bulwark-start}
   * while the application starts, and requests wait for them ({@link Bulwark#engine()}), so their
   * few hundred milliseconds of work overlap the application's start-up instead of preceding it.
   * Attached to a running JVM, the engine is assembled first: requests are already arriving.
   */
  public static void start(String agentArgs, Instrumentation instrumentation, File agentJar, boolean attached) {
    long started = System.nanoTime();
    AgentArgs args = AgentArgs.parse(agentArgs);
    if (attached) {
      assemble(args, attached, started);
      ServletHooks.install(new ServletEntryHandler());
      DispatchHooks.install(new RoutingAdapters());
      Installer.install(instrumentation, Instrumentations.all(), attached);
      return;
    }
    // (no lambda on the premain thread: the first one spins up java.lang.invoke before main runs)
    Thread assembler = new Thread(new Runnable() {
      @Override
      public void run() {
        assembleInBackground(args, started);
      }
    }, "bulwark-start");
    assembler.setDaemon(true);
    Bulwark.starting(assembler);
    ServletHooks.install(new ServletEntryHandler());
    DispatchHooks.install(new RoutingAdapters());
    assembler.start();
    Installer.install(instrumentation, Instrumentations.all(), attached);
    AgentLog.debug("premain returned after " + (System.nanoTime() - started) / 1_000_000 + " ms");
  }

  private static void assembleInBackground(AgentArgs args, long started) {
    try {
      assemble(args, false, started);
    } catch (Throwable t) {
      // Fail-open at start-up: the application must come up even if Bulwark cannot.
      AgentLog.error("the agent failed to start; the application runs WITHOUT Bulwark's protection", t);
    } finally {
      Bulwark.started();
    }
  }

  /** Policy, audit log and engine; installs the engine behind the bridge. */
  private static void assemble(AgentArgs args, boolean attached, long started) {
    Policy policy = PolicySource.initial(args);
    AgentLog.debug("policy loaded after " + (System.nanoTime() - started) / 1_000_000 + " ms");
    SwitchingAuditLog audit = new SwitchingAuditLog(policy.audit());
    BulwarkEngine engine = new BulwarkEngine(policy, audit);
    // Sinks first: a request the engine admits may reach a sink at once.
    SinkEngine sinks = new SinkEngine(engine::policy, audit);
    SinkHooks.install(sinks);
    SinkHooks.onFirstObjectStream(() -> SerialFilter.install(sinks));
    Bulwark.install(engine);
    AgentLog.debug("engine ready after " + (System.nanoTime() - started) / 1_000_000 + " ms");

    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(audit), "bulwark-shutdown"));
    audit.record(lifecycleEvent("agent-start", policy)
        .with(AuditField.MESSAGE, attached ? "attached to a running JVM" : "started with -javaagent"));
    Path policyFile = PolicySource.configuredFile(args);
    if (policyFile != null) {
      PolicyWatcher.start(new PolicyReloader(policyFile, engine, audit, Version.get()));
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    warmUp();
    AgentLog.info("Bulwark " + Version.get() + " started in " + millis + " ms; policy " + policy.source()
        + " (" + policy.rules().size() + " rules, mode " + policy.mode().keyword()
        + "); audit to " + audit.file().toAbsolutePath());
  }

  /** What the first request would load, loaded now ({@link WarmUp}); never fails the start. */
  private static void warmUp() {
    long started = System.nanoTime();
    try {
      WarmUp.run();
      AgentLog.debug("warmed up in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    } catch (Throwable t) {
      AgentLog.errorOnce("warm-up", t);
    }
  }

  private static void stop(AuditLog audit) {
    audit.record(AuditEvent.of("agent-stop").with(AuditField.BULWARK_VERSION, Version.get())
        .with(AuditField.BULWARK_AUDIT_WRITTEN, audit.written())
        .with(AuditField.BULWARK_AUDIT_LOST, audit.lost()));
    audit.close();
    if (audit.lost() > 0) {
      AgentLog.warn("audit: " + audit.lost() + " event(s) could not be written during this run");
    }
  }

  private static AuditEvent lifecycleEvent(String action, Policy policy) {
    return AuditEvent.of(action)
        .with(AuditField.EVENT_MODE, policy.mode().keyword())
        .with(AuditField.BULWARK_POLICY_SOURCE, policy.source())
        .with(AuditField.BULWARK_POLICY_SHA256, policy.sha256())
        .with(AuditField.BULWARK_VERSION, Version.get());
  }
}
