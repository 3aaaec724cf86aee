package io.bulwark.it.app;

import java.io.IOException;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;

/** An application filter that counts the requests reaching the application's filter chain. */
public final class CountingFilter implements Filter {

  private final String name;

  public CountingFilter(String name) {
    this.name = name;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    // The counters' own endpoint does not count, so reading the counters never changes them.
    if (!"/__counts".equals(((HttpServletRequest) request).getRequestURI())) {
      Counters.increment(name);
    }
    chain.doFilter(request, response);
  }
}
