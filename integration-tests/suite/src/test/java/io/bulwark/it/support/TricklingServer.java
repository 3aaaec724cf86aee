package io.bulwark.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 that answers every request with its headers at once and then one
 * byte of body every 200 ms for a minute: a hung identity provider that never quite stops talking,
 * so no socket read timeout ever fires.
 */
public final class TricklingServer implements AutoCloseable {

  private final ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();

  public TricklingServer() {
    try {
      server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Thread acceptor = new Thread(this::accept, "trickling-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + path;
  }

  public int connections() {
    return connections.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        Thread trickle = new Thread(() -> trickle(socket), "trickle");
        trickle.setDaemon(true);
        trickle.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void trickle(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      in.read(new byte[8192]);
      OutputStream out = socket.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 300; i++) {
        out.write(i == 0 ? '{' : ' ');
        out.flush();
        Thread.sleep(200);
      }
    } catch (IOException | InterruptedException e) {
      // the client gave up
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
