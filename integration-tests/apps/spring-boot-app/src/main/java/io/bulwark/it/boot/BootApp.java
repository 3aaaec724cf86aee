package io.bulwark.it.boot;

import io.bulwark.it.app.CountingFilter;
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
      System.out.println("LISTENING " + event.getWebServer().getPort());
    };
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
