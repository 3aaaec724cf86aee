package io.bulwark.it.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop HTTP/1.1 load generator over plain sockets: each connection is a thread that sends
 * a request, reads the whole response, records the latency (HdrHistogram, nanoseconds) and sends the
 * next. Requests are prepared bytes; connections are kept alive, or reopened every {@code
 * requestsPerConnection} requests from the source address {@code sources} gives (127.x.y.z
 * addresses are all loopback on Linux, so one machine plays many clients).
 */
final class LoadClient {

  /** What one run measured. */
  static final class Result {
    final long requests;
    final long errors;
    final Map<Integer, Long> statuses;
    final Histogram latency;
    final double seconds;
    /** The server's CPU time per request during the run, when the caller measured it (µs). */
    double cpuMicrosPerRequest;

    Result(long requests, long errors, Map<Integer, Long> statuses, Histogram latency, double seconds) {
      this.requests = requests;
      this.errors = errors;
      this.statuses = statuses;
      this.latency = latency;
      this.seconds = seconds;
    }

    double throughput() {
      return requests / seconds;
    }

    double micros(double percentile) {
      return latency.getValueAtPercentile(percentile) / 1000.0;
    }
  }

  private final int port;
  private final int connections;
  private final LongFunction<byte[]> requests;
  private final IntFunction<String> sources;
  private final int requestsPerConnection;
  /** Total requests per second the workers pace themselves to; 0: as fast as the server answers. */
  private double rate;

  LoadClient(int port, int connections, LongFunction<byte[]> requests, IntFunction<String> sources,
      int requestsPerConnection) {
    this.port = port;
    this.connections = connections;
    this.requests = requests;
    this.sources = sources;
    this.requestsPerConnection = requestsPerConnection;
  }

  /**
   * Paces the run at {@code perSecond} requests per second in total (each connection its share, on a
   * fixed schedule). Latency is then measured from when a request was due, not when it was sent, so
   * a server that falls behind shows it (no coordinated omission, as wrk2 measures).
   */
  LoadClient paced(double perSecond) {
    this.rate = perSecond;
    return this;
  }

  /** Runs for {@code millis}, or until {@code maxRequests} were sent (0: no limit). */
  Result run(long millis, long maxRequests) throws InterruptedException {
    AtomicLong sequence = new AtomicLong();
    long deadline = System.nanoTime() + millis * 1_000_000L;
    List<Worker> workers = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < connections; i++) {
      Worker worker = new Worker(i, sequence, deadline, maxRequests);
      workers.add(worker);
      worker.start();
    }
    Histogram all = new Histogram(60_000_000_000L, 3);
    Map<Integer, Long> statuses = new TreeMap<>();
    long done = 0;
    long errors = 0;
    for (Worker worker : workers) {
      worker.join();
      all.add(worker.latency);
      worker.statuses.forEach((status, n) -> statuses.merge(status, n, Long::sum));
      done += worker.done;
      errors += worker.errors;
    }
    return new Result(done, errors, statuses, all, (System.nanoTime() - started) / 1e9);
  }

  private final class Worker extends Thread {
    final Histogram latency = new Histogram(60_000_000_000L, 3);
    final Map<Integer, Long> statuses = new TreeMap<>();
    final AtomicLong sequence;
    final long deadline;
    final long maxRequests;
    final int index;
    long done;
    long errors;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int onConnection;
    private int opened;

    Worker(int index, AtomicLong sequence, long deadline, long maxRequests) {
      super("load-" + index);
      this.index = index;
      this.sequence = sequence;
      this.deadline = deadline;
      this.maxRequests = maxRequests;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[16 * 1024];
      long interval = rate > 0 ? (long) (1e9 * connections / rate) : 0;
      long due = System.nanoTime() + (interval > 0 ? interval * index / connections : 0);
      while (System.nanoTime() < deadline) {
        if (interval > 0) {
          long wait = due - System.nanoTime();
          if (wait > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
          }
        }
        long n = sequence.getAndIncrement();
        if (maxRequests > 0 && n >= maxRequests) {
          break;
        }
        byte[] request = requests.apply(n);
        try {
          if (socket == null || requestsPerConnection > 0 && onConnection >= requestsPerConnection) {
            reconnect();
          }
          long start = interval > 0 ? due : System.nanoTime();
          due += interval;
          out.write(request);
          out.flush();
          int status = readResponse(buffer);
          latency.recordValue(Math.min(System.nanoTime() - start, latency.getHighestTrackableValue()));
          statuses.merge(status, 1L, Long::sum);
          done++;
          onConnection++;
        } catch (IOException | RuntimeException e) {
          errors++;
          close();
        }
      }
      close();
    }

    private void reconnect() throws IOException {
      close();
      Socket fresh = new Socket();
      fresh.setTcpNoDelay(true);
      fresh.setSoTimeout(30_000);
      String source = sources == null ? null : sources.apply(index * 1_000_003 + opened++);
      if (source != null) {
        fresh.bind(new InetSocketAddress(source, 0));
      }
      fresh.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket = fresh;
      in = new BufferedInputStream(fresh.getInputStream(), 16 * 1024);
      out = fresh.getOutputStream();
      onConnection = 0;
    }

    private void close() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // gone already
        }
        socket = null;
      }
    }

    /** Reads one response; returns its status. Closes the connection when the server says so. */
    private int readResponse(byte[] buffer) throws IOException {
      String statusLine = line(buffer);
      int status = Integer.parseInt(statusLine.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      boolean closeAfter = false;
      String header;
      while (!(header = line(buffer)).isEmpty()) {
        int colon = header.indexOf(':');
        String name = header.substring(0, colon);
        String value = header.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
          length = Long.parseLong(value);
        } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
          chunked = value.equalsIgnoreCase("chunked");
        } else if (name.equalsIgnoreCase("Connection")) {
          closeAfter = value.equalsIgnoreCase("close");
        }
      }
      if (chunked) {
        while (true) {
          int size = Integer.parseInt(line(buffer).split(";")[0].trim(), 16);
          skip(size);
          line(buffer);
          if (size == 0) {
            break;
          }
        }
      } else if (length > 0) {
        skip(length);
      }
      if (closeAfter) {
        close();
      }
      return status;
    }

    private void skip(long bytes) throws IOException {
      long left = bytes;
      while (left > 0) {
        long skipped = in.skip(left);
        if (skipped <= 0) {
          if (in.read() < 0) {
            throw new IOException("connection closed in a body");
          }
          skipped = 1;
        }
        left -= skipped;
      }
    }

    private String line(byte[] buffer) throws IOException {
      int length = 0;
      int b;
      while ((b = in.read()) != '\n') {
        if (b < 0) {
          throw new IOException("connection closed");
        }
        if (b != '\r' && length < buffer.length) {
          buffer[length++] = (byte) b;
        }
      }
      return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
    }
  }
}
