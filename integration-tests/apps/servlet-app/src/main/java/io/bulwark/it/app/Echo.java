package io.bulwark.it.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * /echo/*: a vulnerable-looking endpoint (it would put its inputs into SQL, HTML, file names) that
 * tells the client exactly what the application read: {@code /echo/stream} the SHA-256 and length of
 * the body's bytes from getInputStream, {@code /echo/reader} of the characters from getReader (as
 * UTF-8), {@code /echo/form} every parameter from getParameterMap, {@code /echo/parts} every part
 * of a multipart body (name, file name, digest); anything else answers "ok".
 */
public final class Echo extends HttpServlet {

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Counters.increment("echo");
    String mode = request.getPathInfo() == null ? "" : request.getPathInfo();
    String answer;
    if (mode.equals("/stream")) {
      answer = digest(request.getInputStream().readAllBytes());
    } else if (mode.equals("/reader")) {
      StringBuilder text = new StringBuilder();
      Reader reader = request.getReader();
      char[] buffer = new char[4096];
      for (int n; (n = reader.read(buffer)) >= 0; ) {
        text.append(buffer, 0, n);
      }
      answer = digest(text.toString().getBytes(StandardCharsets.UTF_8));
    } else if (mode.equals("/form")) {
      StringBuilder lines = new StringBuilder();
      for (Map.Entry<String, String[]> parameter : new TreeMap<>(request.getParameterMap()).entrySet()) {
        lines.append(parameter.getKey()).append('=').append(String.join(",", parameter.getValue())).append('\n');
      }
      answer = lines.toString();
    } else if (mode.equals("/parts")) {
      StringBuilder lines = new StringBuilder();
      try {
        for (javax.servlet.http.Part part : request.getParts()) {
          lines.append(part.getName()).append(' ').append(part.getSubmittedFileName()).append(' ')
              .append(digest(part.getInputStream().readAllBytes())).append('\n');
        }
      } catch (javax.servlet.ServletException e) {
        throw new IOException(e);
      }
      answer = lines.toString();
    } else {
      answer = "ok";
    }
    response.setContentType("text/plain;charset=UTF-8");
    response.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code sha256=<hex> length=<bytes>}. */
  public static String digest(byte[] bytes) {
    try {
      StringBuilder hex = new StringBuilder("sha256=");
      for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.append(" length=").append(bytes.length).toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
