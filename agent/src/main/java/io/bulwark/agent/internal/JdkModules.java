package io.bulwark.agent.internal;

import io.bulwark.bridge.AgentLog;
import io.bulwark.bridge.SinkHooks;
import io.bulwark.instrumentation.sink.SinkInstrumentationModule;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lets the JDK modules the sink advice is woven into read the bridge. Named modules do not read
 * the unnamed module of the bootstrap loader (where the agent jar's bridge lives), so advice
 * inlined into {@code java.io.FileInputStream} would fail with an {@code IllegalAccessError}
 * unless each module is granted that read edge.
 */
final class JdkModules {

  private JdkModules() {}

  static void readBridge(Instrumentation instrumentation) {
    Module bridge = SinkHooks.class.getModule();
    for (String name : SinkInstrumentationModule.JDK_MODULES) {
      Optional<Module> module = ModuleLayer.boot().findModule(name);
      if (module.isEmpty() || !instrumentation.isModifiableModule(module.get())) {
        continue;
      }
      try {
        instrumentation.redefineModule(module.get(), Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of());
      } catch (RuntimeException e) {
        AgentLog.errorOnce("module reads " + name, e);
      }
    }
  }
}
