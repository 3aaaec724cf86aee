package io.bulwark.it.undertow;

import io.bulwark.it.app.TestAppInitializer;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import java.util.Set;

/** Starts the (jakarta) servlet test app on Undertow 2.3; prints "LISTENING <port>" once it accepts requests. */
public final class UndertowMain {

  private UndertowMain() {}

  public static void main(String[] args) throws Exception {
    DeploymentInfo deployment = Servlets.deployment()
        .setClassLoader(UndertowMain.class.getClassLoader())
        .setContextPath("")
        .setDeploymentName("bulwark-it")
        .addErrorPage(Servlets.errorPage("/error-page", 500))
        .addServletContainerInitializer(new ServletContainerInitializerInfo(TestAppInitializer.class,
            new ImmediateInstanceFactory<>(new TestAppInitializer()), Set.of()));
    DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
    manager.deploy();
    HttpHandler handler = manager.start();
    Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(handler).build();
    server.start();
    int port = ((java.net.InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    System.out.println("LISTENING " + port);
    Thread.currentThread().join();
  }
}
