package io.bulwark.instrumentation.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import org.junit.jupiter.api.Test;

class RouteTemplatesTest {

  @Path("/api/users")
  public static class Users {
    @GET @Path("{id: [0-9]+}") public String get() { return ""; }
    @GET public String list() { return ""; }
    public String helper() { return ""; }
  }

  @Path("orders")
  public interface OrdersApi {
    @GET @Path("/{id}/") String get();
  }

  /** JAX-RS annotation inheritance: the implementation carries none of its interface's annotations. */
  public static class Orders implements OrdersApi {
    @Override public String get() { return ""; }
  }

  public static class Unannotated {
    public String get() { return ""; }
  }

  public static class Filter implements ContainerRequestFilter {
    @Override public void filter(ContainerRequestContext context) {}
  }

  private static final JaxRsApi API = JaxRsApi.of(Filter.class);

  @Test
  void classAndMethodPathsAreJoined() throws Throwable {
    assertEquals("/api/users/{id: [0-9]+}", RouteTemplates.of(API, Users.class, Users.class.getMethod("get")));
    assertEquals("/api/users", RouteTemplates.of(API, Users.class, Users.class.getMethod("list")));
    assertEquals("io.bulwark.instrumentation.jaxrs.RouteTemplatesTest$Users#get",
        RouteTemplates.operation(Users.class, Users.class.getMethod("get")));
  }

  @Test
  void annotationsAreFoundOnTheImplementedInterface() throws Throwable {
    assertEquals("/orders//{id}/", RouteTemplates.of(API, Orders.class, Orders.class.getMethod("get")));
  }

  @Test
  void noPathAnywhereIsNoRoute() throws Throwable {
    assertNull(RouteTemplates.of(API, Unannotated.class, Unannotated.class.getMethod("get")));
    assertNull(RouteTemplates.of(API, Unannotated.class, Unannotated.class.getMethod("get")), "cached as none");
  }

  @Test
  void namespaceIsTheOneTheFrameworkClassWasBuiltAgainst() {
    assertEquals("jakarta.ws.rs", JaxRsApi.namespaceOf(Filter.class));
    assertEquals("jakarta.ws.rs", API.namespace);
  }
}
