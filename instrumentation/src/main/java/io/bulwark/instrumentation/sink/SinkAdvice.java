package io.bulwark.instrumentation.sink;

import io.bulwark.bridge.SinkHooks;
import java.io.File;
import java.net.SocketAddress;
import java.net.URL;
import net.bytebuddy.asm.Advice;

/**
 * The advice of the JDK sinks, one nested class per advised method: each hands what the method is
 * about to act on to {@link SinkHooks} and nothing else. No {@code suppress}: a block must leave
 * the method as a {@link io.bulwark.bridge.BlockingException}, and SinkHooks never throws anything
 * else.
 */
final class SinkAdvice {

  private SinkAdvice() {}

  static final class ProcessStart {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String[] command) {
      SinkHooks.command(command);
    }
  }

  static final class FileInput {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) File file) {
      SinkHooks.file("java.io.FileInputStream.<init>", file);
    }
  }

  static final class FileOutput {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) File file) {
      SinkHooks.file("java.io.FileOutputStream.<init>", file);
    }
  }

  static final class RandomAccess {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) File file) {
      SinkHooks.file("java.io.RandomAccessFile.<init>", file);
    }
  }

  static final class FileList {
    @Advice.OnMethodEnter
    static void enter(@Advice.This File self) {
      SinkHooks.file("java.io.File.list", self);
    }
  }

  static final class FileChannel {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Object path) {
      SinkHooks.file("java.nio.file.Files.newByteChannel", path);
    }
  }

  static final class UrlOpen {
    @Advice.OnMethodEnter
    static void enter(@Advice.This URL self) {
      SinkHooks.connect("java.net.URL.openConnection", self);
    }
  }

  static final class Redirect {
    @Advice.OnMethodEnter
    static void enter(@Advice.This java.net.URLConnection self, @Advice.Argument(2) URL to) {
      SinkHooks.redirect("java.net.HttpURLConnection.followRedirect", self.getURL(), to);
    }
  }

  static final class SocketConnect {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) SocketAddress endpoint) {
      SinkHooks.connect("java.net.Socket.connect", endpoint);
    }
  }

  static final class ChannelConnect {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) SocketAddress endpoint) {
      SinkHooks.connect("java.nio.channels.SocketChannel.connect", endpoint);
    }
  }

  static final class HttpClientSend {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) java.net.http.HttpRequest request) {
      SinkHooks.connect("java.net.http.HttpClient.send", request == null ? null : request.uri());
    }
  }

  static final class JndiLookup {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Object name) {
      SinkHooks.jndi("javax.naming.InitialContext.lookup", name);
    }
  }

  static final class DocumentParse {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Object source) {
      SinkHooks.xmlSource("javax.xml.parsers.DocumentBuilder.parse", source);
    }
  }

  static final class SaxParse {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Object source) {
      SinkHooks.xmlSource("javax.xml.parsers.SAXParser.parse", source);
    }
  }

  static final class StreamReader {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(value = 0, readOnly = false, typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC) Object source) {
      source = SinkHooks.xmlSource("javax.xml.stream.XMLInputFactory.createXMLStreamReader", source);
    }
  }

  static final class Transformer {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Object source) {
      SinkHooks.xmlSource("javax.xml.transform.TransformerFactory.newTransformer", source);
    }
  }

  static final class ObjectStream {
    @Advice.OnMethodEnter
    static void enter() {
      SinkHooks.objectStreamOpening();
    }
  }

  static final class SetSerialFilter {
    /** True skips the JDK's method: Bulwark composed the application's filter with its own. */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(@Advice.Argument(0) Object filter) {
      return SinkHooks.serialFilterSetting(filter);
    }
  }
}
