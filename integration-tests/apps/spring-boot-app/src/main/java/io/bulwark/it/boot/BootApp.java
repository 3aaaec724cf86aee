package io.bulwark.it.boot;

import io.bulwark.it.app.CountingFilter;
import io.bulwark.it.app.Echo;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import io.bulwark.it.app.TlsConnector;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/** The Spring Boot test app; prints "LISTENING <port>" once it accepts requests. */
@SpringBootApplication
public class BootApp {

  private static final Logger LOG = LoggerFactory.getLogger(BootApp.class);

  public static void main(String[] args) {
    SpringApplication.run(BootApp.class, args);
  }

  @Bean
  ApplicationListener<WebServerInitializedEvent> announcePort() {
    return event -> {
      LOG.info("test app ready through the app's own SLF4J");
      if (event.getWebServer() instanceof TomcatWebServer tomcat) {
        for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
          if (connector.getSecure()) {
            System.out.println("LISTENING_TLS " + connector.getLocalPort());
          }
        }
      }
      System.out.println("LISTENING " + event.getWebServer().getPort());
    };
  }

  /** A second, mutual-TLS connector when the test configures one (see TlsConnector). */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> tlsConnector() {
    return factory -> {
      Connector tls = TlsConnector.fromSystemProperties();
      if (tls != null) {
        factory.addAdditionalTomcatConnectors(tls);
      }
    };
  }

  /** The servlet apps' /echo/* endpoint, on Spring Boot's own Tomcat and filters. */
  @Bean
  ServletRegistrationBean<Echo> echo() {
    ServletRegistrationBean<Echo> echo = new ServletRegistrationBean<>(new Echo(), "/echo/*");
    echo.setMultipartConfig(new jakarta.servlet.MultipartConfigElement(""));
    return echo;
  }

  @Bean
  FilterRegistrationBean<CountingFilter> requestFilter() {
    FilterRegistrationBean<CountingFilter> bean = new FilterRegistrationBean<>(new CountingFilter("filter"));
    bean.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
    bean.setAsyncSupported(true);
    return bean;
  }

  @Bean
  FilterRegistrationBean<CountingFilter> anyDispatchFilter() {
    FilterRegistrationBean<CountingFilter> bean =
        new FilterRegistrationBean<>(new CountingFilter("filter-any-dispatch"));
    bean.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
    bean.setAsyncSupported(true);
    return bean;
  }
}
