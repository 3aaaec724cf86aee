package io.bulwark.instrumentation.servlet;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Function;

/** The two servlet namespaces the one implementation serves, with the real API classes of each. */
enum ServletNamespace {

  JAVAX("javax.servlet",
      javax.servlet.ServletRequest.class, javax.servlet.ServletResponse.class,
      javax.servlet.http.HttpServletRequest.class, javax.servlet.http.HttpServletResponse.class,
      javax.servlet.http.HttpServlet.class, JavaxOutputStream::new, JavaxInputStream::new),

  JAKARTA("jakarta.servlet",
      jakarta.servlet.ServletRequest.class, jakarta.servlet.ServletResponse.class,
      jakarta.servlet.http.HttpServletRequest.class, jakarta.servlet.http.HttpServletResponse.class,
      jakarta.servlet.http.HttpServlet.class, JakartaOutputStream::new, JakartaInputStream::new);

  final String name;
  final Class<?> servletRequest;
  final Class<?> servletResponse;
  final Class<?> httpRequest;
  final Class<?> httpResponse;
  final Class<?> httpServlet;
  private final Function<OutputStream, OutputStream> servletOutputStream;
  private final Function<java.io.InputStream, java.io.InputStream> servletInputStream;

  ServletNamespace(String name, Class<?> servletRequest, Class<?> servletResponse, Class<?> httpRequest,
      Class<?> httpResponse, Class<?> httpServlet, Function<OutputStream, OutputStream> servletOutputStream,
      Function<java.io.InputStream, java.io.InputStream> servletInputStream) {
    this.servletInputStream = servletInputStream;
    this.name = name;
    this.servletRequest = servletRequest;
    this.servletResponse = servletResponse;
    this.httpRequest = httpRequest;
    this.httpResponse = httpResponse;
    this.httpServlet = httpServlet;
    this.servletOutputStream = servletOutputStream;
  }

  /** A {@code ServletOutputStream} of this namespace writing to {@code sink}. */
  OutputStream servletOutputStream(OutputStream sink) {
    return servletOutputStream.apply(sink);
  }

  /** A {@code ServletInputStream} of this namespace reading {@code source}, as a container's would. */
  java.io.InputStream servletInputStream(java.io.InputStream source) {
    return servletInputStream.apply(source);
  }

  @Override
  public String toString() {
    return name;
  }

  private static final class JavaxInputStream extends javax.servlet.ServletInputStream {
    private final java.io.InputStream source;

    JavaxInputStream(java.io.InputStream source) {
      this.source = source;
    }

    @Override public boolean isFinished() { return false; }
    @Override public boolean isReady() { return true; }
    @Override public void setReadListener(javax.servlet.ReadListener listener) {}
    @Override public int read() throws IOException { return source.read(); }
  }

  private static final class JakartaInputStream extends jakarta.servlet.ServletInputStream {
    private final java.io.InputStream source;

    JakartaInputStream(java.io.InputStream source) {
      this.source = source;
    }

    @Override public boolean isFinished() { return false; }
    @Override public boolean isReady() { return true; }
    @Override public void setReadListener(jakarta.servlet.ReadListener listener) {}
    @Override public int read() throws IOException { return source.read(); }
  }

  private static final class JavaxOutputStream extends javax.servlet.ServletOutputStream {
    private final OutputStream sink;

    JavaxOutputStream(OutputStream sink) {
      this.sink = sink;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setWriteListener(javax.servlet.WriteListener listener) {}

    @Override
    public void write(int b) throws IOException {
      sink.write(b);
    }
  }

  private static final class JakartaOutputStream extends jakarta.servlet.ServletOutputStream {
    private final OutputStream sink;

    JakartaOutputStream(OutputStream sink) {
      this.sink = sink;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setWriteListener(jakarta.servlet.WriteListener listener) {}

    @Override
    public void write(int b) throws IOException {
      sink.write(b);
    }
  }
}
