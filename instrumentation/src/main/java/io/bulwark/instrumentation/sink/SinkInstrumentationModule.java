package io.bulwark.instrumentation.sink;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.bulwark.instrumentation.AdviceClasses;
import io.bulwark.instrumentation.NamedTypes;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.io.File;
import java.net.SocketAddress;
import java.net.URL;
import java.util.List;

/**
 * The runtime sinks: where a request's input lands in the JDK (process start, file open, outbound
 * connection, JNDI lookup, XML parse) and in JDBC drivers (see {@link JdbcInstrumentation}). The JDK
 * classes are loaded before the agent starts, so they are retransformed; their advice only calls
 * {@link io.bulwark.bridge.SinkHooks} on the bootstrap path.
 */
public final class SinkInstrumentationModule {

  /** The JDK modules the advice is woven into: each must read the bootstrap bridge. */
  public static final List<String> JDK_MODULES = List.of("java.base", "java.xml", "java.naming", "java.net.http");

  private SinkInstrumentationModule() {}

  public static List<TypeInstrumentation> all() {
    return List.of(
        new NamedTypes("process start", List.of("java.lang.ProcessImpl"),
            () -> AdviceClasses.to(SinkAdvice.ProcessStart.class)
                .on(named("start").and(isStatic()).and(takesArgument(0, String[].class)))),
        new NamedTypes("file open", List.of("java.io.FileInputStream"),
            () -> AdviceClasses.to(SinkAdvice.FileInput.class)
                .on(isConstructor().and(takesArguments(File.class)))),
        new NamedTypes("file open", List.of("java.io.FileOutputStream"),
            () -> AdviceClasses.to(SinkAdvice.FileOutput.class)
                .on(isConstructor().and(takesArguments(File.class, boolean.class)))),
        new NamedTypes("file open", List.of("java.io.RandomAccessFile"),
            () -> AdviceClasses.to(SinkAdvice.RandomAccess.class)
                .on(isConstructor().and(isPublic()).and(takesArguments(File.class, String.class)))),
        new NamedTypes("file list", List.of("java.io.File"), () -> AdviceClasses.to(SinkAdvice.FileList.class)
            .on(named("list").and(takesArguments(0)).or(named("normalizedList").and(takesArguments(0))))),
        new NamedTypes("file channel", List.of("sun.nio.fs.UnixFileSystemProvider",
            "sun.nio.fs.WindowsFileSystemProvider"), () -> AdviceClasses.to(SinkAdvice.FileChannel.class)
            .on(namedOneOf("newByteChannel", "newFileChannel", "newDirectoryStream")
                .and(takesArgument(0, named("java.nio.file.Path"))).and(not(isAbstract())))),
        new NamedTypes("url open", List.of("java.net.URL"), () -> AdviceClasses.to(SinkAdvice.UrlOpen.class)
            .on(named("openConnection"))),
        new NamedTypes("redirect", List.of("sun.net.www.protocol.http.HttpURLConnection"),
            () -> AdviceClasses.to(SinkAdvice.Redirect.class)
                .on(named("followRedirect0").and(takesArguments(String.class, int.class, URL.class)))),
        new NamedTypes("socket connect", List.of("java.net.Socket"),
            () -> AdviceClasses.to(SinkAdvice.SocketConnect.class)
                .on(named("connect").and(takesArguments(SocketAddress.class, int.class)))),
        new NamedTypes("channel connect", List.of("sun.nio.ch.SocketChannelImpl"),
            () -> AdviceClasses.to(SinkAdvice.ChannelConnect.class)
                .on(named("connect").and(takesArguments(SocketAddress.class)))),
        new NamedTypes("http client", List.of("jdk.internal.net.http.HttpClientImpl"),
            () -> AdviceClasses.to(SinkAdvice.HttpClientSend.class)
                .on(namedOneOf("send", "sendAsync").and(takesArgument(0, named("java.net.http.HttpRequest")))
                    .and(not(isAbstract())))),
        new NamedTypes("jndi", List.of("javax.naming.InitialContext"),
            () -> AdviceClasses.to(SinkAdvice.JndiLookup.class)
                .on(namedOneOf("lookup", "lookupLink").and(takesArguments(1)))),
        new NamedTypes("xml parse", List.of("com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderImpl",
            "org.apache.xerces.jaxp.DocumentBuilderImpl"),
            () -> AdviceClasses.to(SinkAdvice.DocumentParse.class)
                .on(named("parse").and(takesArguments(1)).and(takesArgument(0, named("org.xml.sax.InputSource"))))),
        new NamedTypes("xml parse", List.of("com.sun.org.apache.xerces.internal.jaxp.SAXParserImpl",
            "org.apache.xerces.jaxp.SAXParserImpl"),
            () -> AdviceClasses.to(SinkAdvice.SaxParse.class)
                .on(named("parse").and(takesArguments(2)).and(takesArgument(0, named("org.xml.sax.InputSource"))))),
        new NamedTypes("xml stream", List.of("com.sun.xml.internal.stream.XMLInputFactoryImpl",
            "com.ctc.wstx.stax.WstxInputFactory", "com.fasterxml.aalto.stax.InputFactoryImpl"),
            () -> AdviceClasses.to(SinkAdvice.StreamReader.class)
                .on(named("createXMLStreamReader").and(takesArgument(0, named("java.io.InputStream"))
                    .or(takesArgument(0, named("java.io.Reader")))))),
        new NamedTypes("xslt", List.of("com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl",
            "net.sf.saxon.TransformerFactoryImpl", "org.apache.xalan.processor.TransformerFactoryImpl"),
            () -> AdviceClasses.to(SinkAdvice.Transformer.class)
                .on(namedOneOf("newTransformer", "newTemplates").and(takesArguments(1))
                    .and(takesArgument(0, named("javax.xml.transform.Source"))))),
        new NamedTypes("deserialization filter", List.of("java.io.ObjectInputStream"),
            () -> AdviceClasses.to(SinkAdvice.ObjectStream.class).on(isConstructor())),
        new NamedTypes("deserialization filter", List.of("java.io.ObjectInputFilter$Config"),
            () -> AdviceClasses.to(SinkAdvice.SetSerialFilter.class)
                .on(named("setSerialFilter").and(isStatic()).and(takesArguments(1)))),
        JdbcInstrumentation.statements(),
        JdbcInstrumentation.connections());
  }
}
