package io.bulwark.demo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The demo's API. Note what is missing: no authentication, no authorization, no input checks. */
@RestController
public class OrdersController {

  /** An order of the demo shop. */
  public record Order(int id, String customer, String item, int quantity) {}

  private final Map<Integer, Order> orders = new ConcurrentHashMap<>(Map.of(
      1, new Order(1, "alice", "espresso beans", 2),
      2, new Order(2, "bob", "grinder", 1)));
  private final AtomicInteger nextId = new AtomicInteger(3);

  @GetMapping("/health")
  public Map<String, String> health() {
    return Map.of("status", "UP");
  }

  @GetMapping("/api/orders")
  public List<Order> list() {
    return List.copyOf(orders.values());
  }

  @GetMapping("/api/orders/{id}")
  public Order get(@PathVariable int id) {
    Order order = orders.get(id);
    if (order == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no order " + id);
    }
    return order;
  }

  @PostMapping("/api/orders")
  public Order create(@RequestBody Order order) {
    Order created = new Order(nextId.getAndIncrement(), order.customer(), order.item(), order.quantity());
    orders.put(created.id(), created);
    return created;
  }

  /** Something only operators should see; the service itself does not check who asks. */
  @GetMapping("/api/admin/stats")
  public Map<String, Object> stats() {
    return Map.of("orders", orders.size(), "customers", List.of("alice", "bob"));
  }

  /** The retired first version of the API, still routed by an old controller. */
  @GetMapping("/api/v0/orders")
  public List<Order> legacyList() {
    return list();
  }
}
