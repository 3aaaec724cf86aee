package io.bulwark.it.jaxrs;

import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The JAX-RS test app on Jersey's Grizzly container: no servlet anywhere, so Bulwark's JAX-RS
 * instrumentation is the only entry point. Built for Jersey 2 (javax) and, relocated, Jersey 3.
 * Prints "LISTENING <port>" once it accepts requests.
 */
public final class JerseyGrizzlyMain {

  private JerseyGrizzlyMain() {}

  public static void main(String[] args) throws Exception {
    ResourceConfig config = ResourceConfig.forApplication(new TestApplication());
    HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), config, false);
    server.start();
    NetworkListener listener = server.getListeners().iterator().next();
    System.out.println("LISTENING " + listener.getPort());
    Thread.currentThread().join();
  }
}
