package io.bulwark.it.resteasy;

import io.bulwark.it.jaxrs.TestApplication;
import io.undertow.Undertow;
import org.jboss.resteasy.plugins.server.undertow.UndertowJaxrsServer;

/**
 * The (jakarta) JAX-RS test app on RESTEasy 6 deployed in Undertow's servlet container; prints
 * "LISTENING <port>" once it accepts requests.
 */
public final class ResteasyUndertowMain {

  private ResteasyUndertowMain() {}

  public static void main(String[] args) throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort(); // UndertowJaxrsServer does not tell which port it bound
    }
    UndertowJaxrsServer server = new UndertowJaxrsServer();
    server.start(Undertow.builder().addHttpListener(port, "127.0.0.1"));
    server.deploy(TestApplication.class, "/");
    System.out.println("LISTENING " + port);
    Thread.currentThread().join();
  }
}
