package io.bulwark.it.jaxrs;

import java.util.Set;
import javax.ws.rs.core.Application;

/** The JAX-RS test app: the same endpoints as the servlet test app, the JAX-RS way. */
public class TestApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(PublicResource.class, EchoResource.class, AdminResource.class, UsersResource.class,
        RequestIdFilter.class, BoomMapper.class, SinkResource.class);
  }
}
