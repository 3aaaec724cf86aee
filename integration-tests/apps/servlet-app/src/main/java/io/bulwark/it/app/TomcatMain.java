package io.bulwark.it.app;

import java.io.File;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;

/**
 * Starts the test app on embedded Tomcat; prints "LISTENING <port>" once it accepts requests (and
 * "LISTENING_TLS <port>" first when a TLS connector is configured, see {@link TlsConnector}).
 */
public final class TomcatMain {

  private TomcatMain() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    File base = Files.createTempDirectory("bulwark-it-tomcat").toFile();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.getAbsolutePath());
    Connector connector = tomcat.getConnector();
    connector.setPort(port);
    Context context = tomcat.addContext("", base.getAbsolutePath());
    context.addServletContainerInitializer(new TestAppInitializer(), null);
    ErrorPage errorPage = new ErrorPage();
    errorPage.setErrorCode(500);
    errorPage.setLocation("/error-page");
    context.addErrorPage(errorPage);
    if (Boolean.getBoolean("it.faults")) {
      context.getPipeline().addValve(new FaultValve());
    }
    Connector tls = TlsConnector.fromSystemProperties();
    if (tls != null) {
      tomcat.getService().addConnector(tls);
    }
    tomcat.start();
    if (tls != null) {
      System.out.println("LISTENING_TLS " + tls.getLocalPort());
    }
    System.out.println("LISTENING " + connector.getLocalPort());
    tomcat.getServer().await();
  }
}
