package io.bulwark.it.jetty;

import io.bulwark.it.app.TestAppInitializer;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Starts the (jakarta) test app on Jetty 12 ee10; prints "LISTENING <port>" once it accepts requests. */
public final class JettyMain {

  private JettyMain() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServletContainerInitializer(new TestAppInitializer());
    ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
    errors.addErrorPage(500, "/error-page");
    context.setErrorHandler(errors);
    server.setHandler(context);
    server.start();
    System.out.println("LISTENING " + connector.getLocalPort());
    server.join();
  }
}
