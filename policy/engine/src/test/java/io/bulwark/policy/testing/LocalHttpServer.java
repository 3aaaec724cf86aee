package io.bulwark.policy.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP endpoint on 127.0.0.1 (the JDK's server), for the JWKS and introspection endpoints
 * authenticators talk to. Counts the requests it answered.
 */
public final class LocalHttpServer implements AutoCloseable {

  /** An answer: status and JSON body. */
  public static final class Answer {
    final int status;
    final String body;

    public Answer(int status, String body) {
      this.status = status;
      this.body = body;
    }

    public static Answer json(String body) {
      return new Answer(200, body);
    }
  }

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  private LocalHttpServer(HttpServer server) {
    this.server = server;
  }

  /** Serves {@code path} with {@code handler}, which sees each request. */
  public static LocalHttpServer serve(String path, Function<HttpExchange, Answer> handler) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      LocalHttpServer local = new LocalHttpServer(server);
      server.createContext(path, exchange -> local.answer(exchange, handler));
      server.start();
      return local;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void answer(HttpExchange exchange, Function<HttpExchange, Answer> handler) throws IOException {
    requests.incrementAndGet();
    Answer answer;
    try {
      answer = handler.apply(exchange);
    } catch (RuntimeException e) {
      answer = new Answer(500, "{\"error\":\"" + e.getMessage() + "\"}");
    }
    byte[] body = answer.body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** How many requests were answered so far. */
  public int requests() {
    return requests.get();
  }

  /** Stops answering: later connections are refused. */
  @Override
  public void close() {
    server.stop(0);
  }
}
