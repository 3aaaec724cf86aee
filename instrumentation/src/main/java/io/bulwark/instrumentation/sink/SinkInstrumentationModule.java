package io.bulwark.instrumentation.sink;

import static io.bulwark.instrumentation.weave.MethodMatcher.constructor;
import static io.bulwark.instrumentation.weave.MethodMatcher.named;
import static io.bulwark.instrumentation.weave.Value.argument;
import static io.bulwark.instrumentation.weave.Value.constant;
import static io.bulwark.instrumentation.weave.Value.self;

import io.bulwark.bridge.SinkHooks;
import io.bulwark.instrumentation.NamedTypes;
import io.bulwark.instrumentation.TypeInstrumentation;
import io.bulwark.instrumentation.weave.Hook;
import io.bulwark.instrumentation.weave.MethodAdvice;
import io.bulwark.instrumentation.weave.MethodAdvice.OnEnter;
import io.bulwark.instrumentation.weave.MethodMatcher;
import io.bulwark.instrumentation.weave.Value;
import java.util.List;

/**
 * The runtime sinks: where a request's input lands in the JDK (process start, file open, outbound
 * connection, JNDI lookup, XML parse) and in JDBC drivers (see {@link JdbcInstrumentation}). The JDK
 * classes are loaded before the agent starts, so they are retransformed. Each advice is one call on
 * entry that hands {@link SinkHooks} what the method is about to act on, named by the sink. A block
 * leaves the method as a {@link io.bulwark.bridge.BlockingException}; SinkHooks never throws
 * anything else.
 */
public final class SinkInstrumentationModule {

  /** The JDK modules the advice is woven into: each must read the bootstrap bridge. */
  public static final List<String> JDK_MODULES = List.of("java.base", "java.xml", "java.naming", "java.net.http");

  private static final String FILE = "java.io.File";
  private static final String XML_INPUT = "org.xml.sax.InputSource";

  private SinkInstrumentationModule() {}

  public static List<TypeInstrumentation> all() {
    return List.of(
        new NamedTypes("process start", List.of("java.lang.ProcessImpl"),
            entry(named("start").isStatic().takesArgument(0, "java.lang.String[]"), "command", argument(0))),
        new NamedTypes("file open", List.of("java.io.FileInputStream"),
            file(constructor().takesArguments(FILE), "java.io.FileInputStream.<init>", argument(0))),
        new NamedTypes("file open", List.of("java.io.FileOutputStream"),
            file(constructor().takesArguments(FILE, "boolean"), "java.io.FileOutputStream.<init>", argument(0))),
        new NamedTypes("file open", List.of("java.io.RandomAccessFile"),
            file(constructor().isPublic().takesArguments(FILE, "java.lang.String"), "java.io.RandomAccessFile.<init>",
                argument(0))),
        new NamedTypes("file list", List.of(FILE),
            file(named("list", "normalizedList").takesArguments(0), "java.io.File.list", self())),
        new NamedTypes("file channel",
            List.of("sun.nio.fs.UnixFileSystemProvider", "sun.nio.fs.WindowsFileSystemProvider"),
            file(named("newByteChannel", "newFileChannel", "newDirectoryStream").takesArgument(0, "java.nio.file.Path"),
                "java.nio.file.Files.newByteChannel", argument(0))),
        new NamedTypes("url open", List.of("java.net.URL"),
            entry(named("openConnection"), "connect", constant("java.net.URL.openConnection"), self())),
        // the connection being redirected: SinkHooks reads the URL it was for
        new NamedTypes("redirect", List.of("sun.net.www.protocol.http.HttpURLConnection"),
            entry(named("followRedirect0").takesArguments("java.lang.String", "int", "java.net.URL"), "redirect",
                constant("java.net.HttpURLConnection.followRedirect"), self(), argument(2))),
        new NamedTypes("socket connect", List.of("java.net.Socket"),
            entry(named("connect").takesArguments("java.net.SocketAddress", "int"), "connect",
                constant("java.net.Socket.connect"), argument(0))),
        new NamedTypes("channel connect", List.of("sun.nio.ch.SocketChannelImpl"),
            entry(named("connect").takesArguments("java.net.SocketAddress"), "connect",
                constant("java.nio.channels.SocketChannel.connect"), argument(0))),
        // the HttpRequest itself: the bridge cannot link java.net.http, the engine reads its URI
        new NamedTypes("http client", List.of("jdk.internal.net.http.HttpClientImpl"),
            entry(named("send", "sendAsync").takesArgument(0, "java.net.http.HttpRequest"), "connect",
                constant("java.net.http.HttpClient.send"), argument(0))),
        new NamedTypes("jndi", List.of("javax.naming.InitialContext"),
            entry(named("lookup", "lookupLink").takesArguments(1), "jndi",
                constant("javax.naming.InitialContext.lookup"), argument(0))),
        new NamedTypes("xml parse", List.of("com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderImpl",
            "org.apache.xerces.jaxp.DocumentBuilderImpl"),
            entry(named("parse").takesArguments(XML_INPUT), "xmlSource",
                constant("javax.xml.parsers.DocumentBuilder.parse"), argument(0))),
        new NamedTypes("xml parse", List.of("com.sun.org.apache.xerces.internal.jaxp.SAXParserImpl",
            "org.apache.xerces.jaxp.SAXParserImpl"),
            entry(named("parse").takesArguments(2).takesArgument(0, XML_INPUT), "xmlSource",
                constant("javax.xml.parsers.SAXParser.parse"), argument(0))),
        // the parser reads what the hook returns: the stream with the head it peeked replayed
        new NamedTypes("xml stream", List.of("com.sun.xml.internal.stream.XMLInputFactoryImpl",
            "com.ctc.wstx.stax.WstxInputFactory", "com.fasterxml.aalto.stax.InputFactoryImpl"),
            MethodAdvice.on(named("createXMLStreamReader").takesArgument(0, "java.io.InputStream")
                    .or(named("createXMLStreamReader").takesArgument(0, "java.io.Reader")))
                .replaceArgument(0, Hook.of(SinkHooks.class, "xmlSource",
                    constant("javax.xml.stream.XMLInputFactory.createXMLStreamReader"), argument(0)))
                .build()),
        new NamedTypes("xslt", List.of("com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl",
            "net.sf.saxon.TransformerFactoryImpl", "org.apache.xalan.processor.TransformerFactoryImpl"),
            entry(named("newTransformer", "newTemplates").takesArguments("javax.xml.transform.Source"), "xmlSource",
                constant("javax.xml.transform.TransformerFactory.newTransformer"), argument(0))),
        new NamedTypes("deserialization filter", List.of("java.io.ObjectInputStream"),
            entry(constructor(), "objectStreamOpening")),
        // true skips the JDK's method: Bulwark composed the application's filter with its own
        new NamedTypes("deserialization filter", List.of("java.io.ObjectInputFilter$Config"),
            MethodAdvice.on(named("setSerialFilter").isStatic().takesArguments(1))
                .enter(Hook.of(SinkHooks.class, "serialFilterSetting", argument(0)), OnEnter.SKIP_IF_TRUE)
                .build()),
        JdbcInstrumentation.statements(),
        JdbcInstrumentation.connections());
  }

  /** On entry, {@code SinkHooks.<hook>(values...)}; its result, if any, is not used. */
  private static MethodAdvice entry(MethodMatcher methods, String hook, Value... values) {
    return MethodAdvice.on(methods).enter(Hook.of(SinkHooks.class, hook, values), OnEnter.CONTINUE).build();
  }

  private static MethodAdvice file(MethodMatcher methods, String sink, Value path) {
    return entry(methods, "file", constant(sink), path);
  }
}
