package io.bulwark.instrumentation.servlet;

import io.bulwark.bridge.MultipartBody;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One part of a multipart body Bulwark read, as the servlet API's {@code Part} interface (a JDK
 * proxy of it): the application's {@code getParts()} gives what the container would have parsed.
 */
final class ReplayedPart implements InvocationHandler {

  private final MultipartBody.Part part;
  private final byte[] body;

  private ReplayedPart(MultipartBody.Part part, byte[] body) {
    this.part = part;
    this.body = body;
  }

  static Object of(Class<?> partInterface, MultipartBody.Part part, byte[] body) {
    return Proxy.newProxyInstance(partInterface.getClassLoader(), new Class<?>[] {partInterface},
        new ReplayedPart(part, body));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws IOException {
    switch (method.getName()) {
      case "getName":
        return part.name;
      case "getSubmittedFileName":
        return part.filename;
      case "getContentType":
        return part.header("content-type");
      case "getHeader":
        return part.header(((String) args[0]).toLowerCase(Locale.ROOT));
      case "getHeaders": {
        List<String> values = part.headers.get(((String) args[0]).toLowerCase(Locale.ROOT));
        return values == null ? Collections.emptyList() : new ArrayList<>(values);
      }
      case "getHeaderNames":
        return new ArrayList<>(part.headers.keySet());
      case "getSize":
        return (long) (part.end - part.start);
      case "getInputStream":
        return new ByteArrayInputStream(body, part.start, part.end - part.start);
      case "write": {
        Path target = Paths.get((String) args[0]);
        if (!target.isAbsolute()) {
          target = new File(System.getProperty("java.io.tmpdir"), (String) args[0]).toPath();
        }
        Files.write(target, java.util.Arrays.copyOfRange(body, part.start, part.end));
        return null;
      }
      case "delete":
        return null; // held in memory only
      case "hashCode":
        return System.identityHashCode(proxy);
      case "equals":
        return proxy == args[0];
      case "toString":
        return "Part " + part.name;
      default:
        throw new UnsupportedOperationException(method.toString());
    }
  }
}
