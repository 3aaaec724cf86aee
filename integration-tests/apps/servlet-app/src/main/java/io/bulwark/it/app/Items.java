package io.bulwark.it.app;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * GET /api/items/{id}: one SQL query per request against the database named by {@code
 * -Dit.db.url} (a JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), over
 * a small pool of connections; 503 when no database is configured. The table (1000 rows) is created
 * on first use.
 */
final class Items extends HttpServlet {

  private static final int POOL = 32;
  private final BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(POOL);
  private volatile boolean ready;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Counters.increment("items");
    String url = System.getProperty("it.db.url");
    if (url == null) {
      response.sendError(503, "no database configured (-Dit.db.url)");
      return;
    }
    int id;
    try {
      String info = request.getPathInfo();
      id = Integer.parseInt(info == null ? "" : info.substring(1));
    } catch (NumberFormatException e) {
      response.sendError(400, "expected /api/items/<number>");
      return;
    }
    Connection connection = null;
    try {
      connection = pool.poll();
      if (connection == null) {
        connection = DriverManager.getConnection(url);
      }
      prepare(connection);
      try (PreparedStatement query = connection.prepareStatement("SELECT name FROM bulwark_bench_items WHERE id = ?")) {
        query.setInt(1, id);
        try (ResultSet rows = query.executeQuery()) {
          TestServlets.text(response, rows.next() ? rows.getString(1) : "none");
        }
      }
    } catch (SQLException e) {
      response.sendError(500, e.toString());
      close(connection);
      connection = null;
    } finally {
      if (connection != null && !pool.offer(connection)) {
        close(connection);
      }
    }
  }

  private void prepare(Connection connection) throws SQLException {
    if (ready) {
      return;
    }
    synchronized (this) {
      if (!ready) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("CREATE TABLE IF NOT EXISTS bulwark_bench_items (id int PRIMARY KEY, name text NOT NULL)");
          statement.execute("INSERT INTO bulwark_bench_items SELECT g, 'item-' || g FROM generate_series(1, 1000) g"
              + " ON CONFLICT (id) DO NOTHING");
        }
        ready = true;
      }
    }
  }

  private static void close(Connection connection) {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // already broken
    }
  }
}
