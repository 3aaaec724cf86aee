package io.bulwark.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so request targets go out byte for byte as written (no client
 * normalizes {@code ..}, {@code ;} or percent-encodings) and one connection can carry several
 * requests (keep-alive).
 */
public final class RawHttp implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public RawHttp(int port) {
    this(port, null);
  }

  /**
   * A connection from {@code localAddress} (any 127.x.y.z on Linux), so a test can play several
   * clients or a proxy: the server sees that address as the request's peer.
   */
  public RawHttp(int port, String localAddress) {
    try {
      socket = new Socket();
      if (localAddress != null) {
        socket.bind(new InetSocketAddress(localAddress, 0));
      }
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(20_000);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One request on a fresh connection. */
  public static Response get(int port, String target) {
    return request(port, "GET", target, Map.of());
  }

  public static Response request(int port, String method, String target, Map<String, String> headers) {
    try (RawHttp http = new RawHttp(port)) {
      return http.send(method, target, headers);
    }
  }

  /** One request on a fresh connection from {@code localAddress} (see {@link #RawHttp(int, String)}). */
  public static Response requestFrom(String localAddress, int port, String target, Map<String, String> headers) {
    try (RawHttp http = new RawHttp(port, localAddress)) {
      return http.send("GET", target, headers);
    }
  }

  /** Sends a request on this connection and reads the whole response. */
  public Response send(String method, String target, Map<String, String> headers) {
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    request.append("Host: 127.0.0.1\r\n");
    headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    request.append("\r\n");
    try {
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      return read("HEAD".equals(method));
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + target, e);
    }
  }

  /**
   * Sends a request whose target is given byte for byte: each char of {@code latin1Target} is one
   * byte (ISO-8859-1), so spellings that are not UTF-8 (overlong sequences, raw bytes) go out as is.
   */
  public Response sendBytes(String method, String latin1Target) {
    String request = method + " " + latin1Target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    try {
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return read("HEAD".equals(method));
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + latin1Target, e);
    }
  }

  private Response read(boolean head) throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      throw new IOException("connection closed before a response");
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String line;
    while ((line = line()) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(line.substring(colon + 1).trim());
    }
    byte[] body;
    String length = first(headers, "content-length");
    if (head || status == 204 || status == 304) {
      body = new byte[0];
    } else if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
    } else if ("chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) {
      body = chunked();
    } else {
      body = in.readAllBytes();
    }
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line();
      int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
      if (size == 0) {
        String trailer;
        while ((trailer = line()) != null && !trailer.isEmpty()) {
          // ignore trailers
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(size));
      line();
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        break;
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    if (b == -1 && line.size() == 0) {
      return null;
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null ? null : values.get(0);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  /** A response: status, headers by lower-case name, body as text. */
  public record Response(int status, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return first(headers, name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return status + " " + headers + "\n" + body;
    }
  }
}
