package io.bulwark.policy.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code protect.deserialization} as the filter applies it: the known gadget classes plus the configured ones
 * the JVM-wide serialization filter rejects (exact names, or {@code prefix.*} for a package and its
 * subpackages) and the limits of one stream.
 */
final class DeserializationSettings {

  /** Classes of the published gadget chains (ysoserial and successors). */
  static final List<String> KNOWN_GADGETS = List.of(
      "org.apache.commons.collections.functors.*",
      "org.apache.commons.collections4.functors.*",
      "org.apache.commons.collections.keyvalue.TiedMapEntry",
      "org.apache.commons.collections4.keyvalue.TiedMapEntry",
      "org.apache.commons.beanutils.BeanComparator",
      "org.codehaus.groovy.runtime.ConvertedClosure",
      "org.codehaus.groovy.runtime.MethodClosure",
      "groovy.util.Expando",
      "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl",
      "org.apache.xalan.xsltc.trax.TemplatesImpl",
      "com.sun.rowset.JdbcRowSetImpl",
      "javax.management.BadAttributeValueExpException",
      "sun.rmi.server.UnicastRef",
      "sun.rmi.transport.tcp.TCPEndpoint",
      "java.rmi.server.RemoteObjectInvocationHandler",
      "org.springframework.beans.factory.ObjectFactory",
      "org.springframework.aop.framework.JdkDynamicAopProxy",
      "org.springframework.core.SerializableTypeWrapper$*",
      "bsh.XThis",
      "bsh.Interpreter",
      "com.mchange.v2.c3p0.impl.PoolBackedDataSourceBase",
      "com.mchange.v2.c3p0.WrapperConnectionPoolDataSource",
      "org.hibernate.engine.spi.TypedValue",
      "org.hibernate.tuple.component.AbstractComponentTuplizer",
      "clojure.core$comp$*",
      "clojure.main$eval_opt",
      "org.python.core.PyFunction",
      "org.mozilla.javascript.NativeJavaObject",
      "com.vaadin.data.util.PropertysetItem",
      "net.sf.json.JSONObject",
      "org.apache.myfaces.el.CompositeComponentELEvaluationContext",
      "org.jboss.interceptor.proxy.InterceptorMethodHandler",
      "org.apache.wicket.util.upload.DiskFileItem",
      "org.apache.commons.fileupload.disk.DiskFileItem",
      "com.sun.syndication.feed.impl.ObjectBean",
      "com.rometools.rome.feed.impl.ObjectBean",
      "org.apache.click.control.Column$ColumnComparator",
      "javax.script.ScriptEngineManager");

  final SinkSettings.Action action;
  final boolean blocks;
  private final List<String> exact;
  private final List<String> prefixes;
  final long maxDepth;
  final long maxArrayLength;
  final long maxReferences;

  DeserializationSettings(SinkSettings.Action action, Collection<String> denyClasses, long maxDepth,
      long maxArrayLength, long maxReferences) {
    this.action = action;
    this.blocks = action == SinkSettings.Action.BLOCK;
    List<String> exactNames = new ArrayList<>();
    List<String> prefixNames = new ArrayList<>();
    for (String pattern : denyClasses) {
      if (pattern.endsWith("*")) {
        prefixNames.add(pattern.substring(0, pattern.length() - 1));
      } else {
        exactNames.add(pattern);
      }
    }
    this.exact = List.copyOf(exactNames);
    this.prefixes = List.copyOf(prefixNames);
    this.maxDepth = maxDepth;
    this.maxArrayLength = maxArrayLength;
    this.maxReferences = maxReferences;
  }

  boolean denies(String className) {
    if (exact.contains(className)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
