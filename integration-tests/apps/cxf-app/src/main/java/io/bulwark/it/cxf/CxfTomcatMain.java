package io.bulwark.it.cxf;

import io.bulwark.it.jaxrs.TestApplication;
import java.io.File;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.cxf.jaxrs.servlet.CXFNonSpringJaxrsServlet;

/**
 * The (jakarta) JAX-RS test app on Apache CXF 4, as CXF's JAX-RS servlet in embedded Tomcat 10.1;
 * prints "LISTENING <port>" once it accepts requests.
 */
public final class CxfTomcatMain {

  private CxfTomcatMain() {}

  public static void main(String[] args) throws Exception {
    File base = Files.createTempDirectory("bulwark-it-cxf").toFile();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.getAbsolutePath());
    Connector connector = tomcat.getConnector();
    connector.setPort(0);
    Context context = tomcat.addContext("", base.getAbsolutePath());
    Wrapper servlet = Tomcat.addServlet(context, "cxf", new CXFNonSpringJaxrsServlet());
    servlet.addInitParameter("jakarta.ws.rs.Application", TestApplication.class.getName());
    servlet.setAsyncSupported(true);
    servlet.setLoadOnStartup(1);
    context.addServletMappingDecoded("/*", "cxf");
    tomcat.start();
    System.out.println("LISTENING " + connector.getLocalPort());
    tomcat.getServer().await();
  }
}
