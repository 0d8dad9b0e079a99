package dev.hogwatch.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hogwatch.history.SeriesPoint;
import dev.hogwatch.model.AppId;
import dev.hogwatch.model.Hub;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code hogwatch serve}: the web page, its JSON API, a Server-Sent-Events stream and Prometheus
 * {@code /metrics}, all fed by one {@link Hub} (so one nethogs), whatever the number of viewers.
 *
 * <p>Example:
 *
 * <pre>{@code
 * try (WebServer web = WebServer.start(hub, HistorySource.NONE, ServeOptions.defaults())) {
 *   System.out.println("open " + web.url());
 *   ...
 * }
 * }</pre>
 *
 * <p>Endpoints (GET or HEAD only; nothing changes state):
 *
 * <ul>
 *   <li>{@code /} the page; {@code /static/*} its script, style and the uPlot chart library
 *   <li>{@code /api/snapshot} the current snapshot as JSON (the fields of {@code top --json})
 *   <li>{@code /api/history?since=&until=&program=} past traffic (epoch ms or ISO-8601 instants);
 *       {@code app=KIND:ID&uid=UID} instead of {@code program} for one application of one user
 *   <li>{@code /api/range?since=&until=} who used the network in that span ({@link Json.RangeView})
 *   <li>{@code /api/alerts} alert rules, data caps and the latest alerts ({@link AlertsReport})
 *   <li>{@code /api/stream} one {@code snapshot} event per refresh (text/event-stream)
 *   <li>{@code /metrics} Prometheus text format
 * </ul>
 *
 * <p>Threads: the JDK's {@code com.sun.net.httpserver} dispatcher accepts connections; requests run
 * on a pool of "hogwatch-http-N" threads that grows up to {@link #MAX_THREADS} (the JDK reads each
 * request head on one of them); each stream client holds one while it is connected, waiting on its
 * own queue filled by {@link Broadcast}. "hogwatch-http-watchdog" drops stream clients whose write
 * has blocked for {@link #WRITE_TIMEOUT} (they stopped reading), freeing thread and slot.
 *
 * <p>Hostile clients: heads are read for at most 10 s; heads over 16 KB or 100 lines get 431,
 * targets over 2048 characters 414 ({@link Guard}); a non-loopback address may hold at most {@link
 * #PER_ADDRESS} requests and streams at once (429).
 */
public final class WebServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WebServer.class.getName());

  /** Longest history answer, in points. */
  static final int MAX_HISTORY_POINTS = 2000;

  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  /**
   * Most request threads. The JDK server reads a request's head on a pool thread, blocking, so
   * every connection that sends its head slowly holds one until {@code maxReqTime}; a pool that
   * grows (small stacks, idle threads ending after 30 s) keeps serving ordinary clients meanwhile.
   */
  static final int MAX_THREADS = 512;

  /** Stack of a request thread: handlers are shallow. */
  private static final long THREAD_STACK = 256 * 1024;

  /** Most concurrent requests and streams from one non-loopback address. */
  static final int PER_ADDRESS = 32;

  /** Default for {@link #writeTimeout(Duration)}. */
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

  static {
    // documented jdk.httpserver limits: a slow request head is closed after 10 s; heads up to
    // 128 KB and 10000 header lines are read so that Guard can answer 431 (beyond them the JDK
    // closes the connection)
    setIfAbsent("sun.net.httpserver.maxReqTime", "10");
    setIfAbsent("sun.net.httpserver.maxReqHeaders", "10000");
    setIfAbsent("sun.net.httpserver.maxReqHeaderSize", "131072");
  }

  private final Hub hub;
  private final HistorySource history;
  private final ServeOptions options;
  private final HttpServer server;
  private final ThreadPoolExecutor pool;
  private final Guard guard;
  private final StaticFiles files = new StaticFiles();
  private final Broadcast broadcast;
  private final Metrics metrics;
  private final Semaphore streams;
  private final Semaphore inFlight;
  private final Set<Broadcast.Client> streaming = ConcurrentHashMap.newKeySet();
  private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
  private final ScheduledExecutorService watchdog;
  private volatile long writeTimeoutNanos = WRITE_TIMEOUT.toNanos();
  private volatile int perAddressLimit = PER_ADDRESS;
  private volatile boolean limitLoopback;
  private volatile Supplier<AlertsReport> alerts;

  private WebServer(Hub hub, HistorySource history, ServeOptions options) throws IOException {
    this.hub = hub;
    this.history = history;
    this.options = options;
    this.streams = new Semaphore(options.maxStreams());
    this.inFlight = new Semaphore(options.maxInFlight());
    InetAddress address = InetAddress.getByName(options.bind());
    if (!address.isLoopbackAddress() && options.token().isEmpty()) {
      throw new IllegalArgumentException(
          "listening on " + options.bind() + " (not loopback) needs a token");
    }
    this.server = HttpServer.create(new InetSocketAddress(address, options.port()), 64);
    this.guard =
        new Guard(
            address.isLoopbackAddress(),
            server.getAddress().getPort(),
            options.token(),
            hostLiteral(address));
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            4,
            Math.max(MAX_THREADS, options.maxStreams() + options.maxInFlight() + 4),
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(null, r, "hogwatch-http-" + n.incrementAndGet(), THREAD_STACK);
              t.setDaemon(true);
              t.setUncaughtExceptionHandler(
                  (th, e) -> LOG.log(Level.SEVERE, "uncaught in " + th.getName(), e));
              return t;
            },
            (r, ex) -> LOG.warning("web server saturated: a connection was dropped"));
    pool.allowCoreThreadTimeOut(true);
    this.watchdog =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hogwatch-http-watchdog");
              t.setDaemon(true);
              return t;
            });
    java.util.concurrent.ScheduledFuture<?> unused =
        watchdog.scheduleWithFixedDelay(this::dropStuckWriters, 250, 250, TimeUnit.MILLISECONDS);
    this.broadcast = new Broadcast(hub.latest());
    this.metrics = new Metrics(hub::latest, broadcast::size, this::alertReport);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
  }

  /**
   * Starts listening and subscribes to {@code hub}.
   *
   * @throws IOException when the port cannot be bound (e.g. already in use)
   * @throws IllegalArgumentException when a non-loopback address comes without a token
   */
  public static WebServer start(Hub hub, HistorySource history, ServeOptions options)
      throws IOException {
    WebServer w = new WebServer(hub, history, options);
    hub.addListener(w.broadcast);
    w.server.start();
    return w;
  }

  /**
   * Where alerts stand, for {@code /api/alerts} and the cap and alert metrics; read once per
   * request. Until set, {@code /api/alerts} answers empty lists with {@link #NO_ALERTS} and the
   * metrics have no alert series.
   */
  public void alerts(Supplier<AlertsReport> source) {
    alerts = source;
  }

  /** The alert report now, or null when this server has none. */
  private AlertsReport alertReport() {
    Supplier<AlertsReport> a = alerts;
    return a == null ? null : a.get();
  }

  /** The page's address, e.g. {@code http://127.0.0.1:6432/}. */
  public URI url() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().getHostAddress();
    if (a.getAddress().isAnyLocalAddress()) {
      host = "127.0.0.1";
    } else if (host.indexOf(':') >= 0) {
      host = "[" + host.replaceFirst("%.*$", "") + "]";
    }
    return URI.create("http://" + host + ":" + a.getPort() + "/");
  }

  /** The page's address with the token, for a first visit in a browser. */
  public URI urlWithToken() {
    return options.token().map(t -> URI.create(url() + "?token=" + t)).orElse(url());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The token requests must carry, if any. */
  public Optional<String> token() {
    return options.token();
  }

  /** Number of connected stream clients. */
  public int streamClients() {
    return broadcast.size();
  }

  /**
   * How long one write to a stream client may block before the client is dropped (it stopped
   * reading); its slot and thread are freed at once. Default 10 s.
   */
  public void writeTimeout(Duration timeout) {
    writeTimeoutNanos = timeout.toNanos();
  }

  /**
   * Sets the per-address limit (default {@link #PER_ADDRESS}, loopback peers exempt: on loopback
   * every local user shares one address). Tests include loopback to exercise it.
   */
  void perAddressLimit(int limit, boolean includeLoopback) {
    perAddressLimit = limit;
    limitLoopback = includeLoopback;
  }

  private void dropStuckWriters() {
    for (Broadcast.Client c : streaming) {
      if (c.abortIfStuck(writeTimeoutNanos)) {
        LOG.info(
            "a stream client did not read for " + writeTimeoutNanos / 1_000_000 + " ms: dropped");
      }
    }
  }

  /** The bound address as a Host header names it: {@code 127.0.0.2}, {@code [::1]}. */
  private static String hostLiteral(InetAddress a) {
    String h = a.getHostAddress().replaceFirst("%.*$", "");
    return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
  }

  @Override
  public void close() {
    hub.removeListener(broadcast);
    broadcast.closeAll();
    for (Broadcast.Client c : streaming) {
      c.abort();
    }
    watchdog.shutdownNow();
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange ex) {
    InetAddress peer = ex.getRemoteAddress() == null ? null : ex.getRemoteAddress().getAddress();
    AtomicInteger fromPeer =
        peer == null || (peer.isLoopbackAddress() && !limitLoopback)
            ? null
            : perAddress.computeIfAbsent(peer, k -> new AtomicInteger());
    try {
      if (fromPeer != null && fromPeer.incrementAndGet() > perAddressLimit) {
        ex.getResponseHeaders().set("Retry-After", "5");
        sendText(ex, 429, "too many requests from " + peer.getHostAddress());
        return;
      }
      String rawUri = ex.getRequestURI().toString();
      Optional<Guard.Refusal> refusal =
          guard.check(ex.getRequestMethod(), rawUri, ex.getRequestHeaders());
      if (refusal.isPresent()) {
        if (refusal.get().status() == 401) {
          ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"hogwatch\"");
        }
        if (refusal.get().status() == 405) {
          ex.getResponseHeaders().set("Allow", "GET, HEAD");
        }
        sendText(ex, refusal.get().status(), refusal.get().message());
        return;
      }
      String path = ex.getRequestURI().getRawPath();
      if (path.equals("/api/stream")) {
        stream(ex);
        return;
      }
      if (!inFlight.tryAcquire()) {
        ex.getResponseHeaders().set("Retry-After", "1");
        sendText(ex, 429, "too many requests at once (limit " + options.maxInFlight() + ")");
        return;
      }
      try {
        route(ex, path, rawUri);
      } finally {
        inFlight.release();
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "client went away", e);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "request failed: " + ex.getRequestURI(), e);
      try {
        sendText(ex, 500, "internal error (logged)");
      } catch (IOException | RuntimeException ignored) {
        // headers were already sent: nothing more to tell the client
      }
    } finally {
      if (fromPeer != null && fromPeer.decrementAndGet() <= 0) {
        perAddress.remove(peer, fromPeer);
      }
      ex.close();
    }
  }

  private void route(HttpExchange ex, String path, String rawUri) throws IOException {
    if (path.equals("/") && guard.tokenInQuery(rawUri)) {
      // a first visit with ?token=: keep it in a cookie and take it out of the address bar
      ex.getResponseHeaders()
          .add(
              "Set-Cookie",
              guard.cookieName()
                  + "="
                  + options.token().orElseThrow()
                  + "; Path=/; HttpOnly; SameSite=Strict");
      ex.getResponseHeaders().set("Location", "/");
      send(ex, 303, "text/plain; charset=utf-8", new byte[0]);
      return;
    }
    Optional<StaticFiles.File> file = files.get(path);
    if (file.isPresent()) {
      Headers h = ex.getResponseHeaders();
      h.set("Cache-Control", "no-cache");
      if (path.equals("/")) {
        h.set(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
                + " form-action 'none'; frame-ancestors 'none'");
      }
      send(ex, 200, file.get().contentType, file.get().body());
      return;
    }
    switch (path) {
      case "/api/snapshot" -> sendJson(ex, 200, Json.snapshot(hub.latest()));
      case "/api/history" -> history(ex, rawUri);
      case "/api/range" -> range(ex, rawUri);
      case "/api/alerts" -> alertsJson(ex);
      case "/metrics" -> send(ex, 200, metrics.contentType(), metrics.scrape());
      default -> sendText(ex, 404, "not found: " + path);
    }
  }

  private void history(HttpExchange ex, String rawUri) throws IOException {
    Guard.Query q = Guard.Query.parse(rawUri);
    Instant until;
    Instant since;
    try {
      until = q.first("until").map(WebServer::instant).orElse(Instant.now());
      since = q.first("since").map(WebServer::instant).orElse(until.minus(Duration.ofHours(1)));
    } catch (IllegalArgumentException e) {
      sendJson(ex, 400, Json.bytes(new Json.Problem(e.getMessage())));
      return;
    }
    if (!since.isBefore(until)) {
      sendJson(ex, 400, Json.bytes(new Json.Problem("since must be before until")));
      return;
    }
    Optional<String> program = q.first("program").filter(p -> !p.isEmpty());
    if (program.isPresent() && program.get().length() > 512) {
      sendJson(ex, 400, Json.bytes(new Json.Problem("program name too long")));
      return;
    }
    if (program.isPresent() && program.get().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      sendJson(ex, 400, Json.bytes(new Json.Problem("program name with control characters")));
      return;
    }
    Optional<String> app = q.first("app").filter(a -> !a.isEmpty());
    String[] appKey = null;
    Integer uid = null;
    if (app.isPresent()) {
      String problem = appProblem(app.get(), program.isPresent(), q.first("uid"));
      if (problem != null) {
        sendJson(ex, 400, Json.bytes(new Json.Problem(problem)));
        return;
      }
      int colon = app.get().indexOf(':');
      appKey = new String[] {app.get().substring(0, colon), app.get().substring(colon + 1)};
      uid = Integer.valueOf(q.first("uid").orElseThrow());
    }
    if (!history.available()) {
      sendJson(ex, 503, Json.bytes(new Json.Problem("history is not recorded (no history store)")));
      return;
    }
    List<SeriesPoint> points;
    try {
      points =
          appKey == null
              ? history.query(since, until, program, MAX_HISTORY_POINTS)
              : history.appQuery(appKey[0], appKey[1], uid, since, until, MAX_HISTORY_POINTS);
    } catch (Exception e) { // the store's own failure: log it, tell the page briefly
      LOG.log(Level.WARNING, "history query failed", e);
      sendJson(ex, 500, Json.bytes(new Json.Problem("history could not be read (logged)")));
      return;
    }
    List<Json.Point> out = new ArrayList<>(points.size());
    for (SeriesPoint p : points) {
      out.add(
          new Json.Point(p.start().toEpochMilli(), p.seconds(), p.sentBytes(), p.receivedBytes()));
    }
    sendJson(
        ex,
        200,
        Json.bytes(
            new Json.HistoryView(
                since.toEpochMilli(),
                until.toEpochMilli(),
                program.orElse(null),
                true,
                out,
                app.orElse(null),
                uid)));
  }

  /**
   * What is wrong with {@code app=KIND:ID&uid=UID} of {@code /api/history}, or null: the kind must
   * be one of {@link AppId.Kind}'s labels, the id non-empty, the uid a user number, and no {@code
   * program} beside it.
   */
  private static String appProblem(String app, boolean withProgram, Optional<String> uid) {
    if (withProgram) {
      return "give either program or app, not both";
    }
    if (app.length() > 512) {
      return "application too long";
    }
    if (app.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return "application with control characters";
    }
    int colon = app.indexOf(':');
    if (colon < 1 || colon == app.length() - 1) {
      return "app must be KIND:ID, e.g. app=flatpak:org.mozilla.firefox";
    }
    String kind = app.substring(0, colon);
    if (java.util.Arrays.stream(AppId.Kind.values()).noneMatch(k -> k.label().equals(kind))) {
      return "unknown application kind '" + kind + "'";
    }
    if (uid.isEmpty() || !uid.get().matches("-?[0-9]{1,9}")) {
      return "app needs uid, the user's number, e.g. &uid=1000";
    }
    return null;
  }

  /**
   * {@code /api/range?since=&until=}: per program, unattributed and total bytes of the span, edges
   * at the finest resolution history keeps there. {@code until} defaults to {@code since} (one
   * bucket: a click on a point).
   */
  private void range(HttpExchange ex, String rawUri) throws IOException {
    Guard.Query q = Guard.Query.parse(rawUri);
    Instant since;
    Instant until;
    try {
      Optional<Instant> s = q.first("since").map(WebServer::instant);
      if (s.isEmpty()) {
        sendJson(ex, 400, Json.bytes(new Json.Problem("since is required")));
        return;
      }
      since = s.get();
      until = q.first("until").map(WebServer::instant).orElse(since);
    } catch (IllegalArgumentException e) {
      sendJson(ex, 400, Json.bytes(new Json.Problem(e.getMessage())));
      return;
    }
    if (until.isBefore(since)) {
      sendJson(ex, 400, Json.bytes(new Json.Problem("since must not be after until")));
      return;
    }
    if (!history.available()) {
      sendJson(ex, 503, Json.bytes(new Json.Problem("history is not recorded (no history store)")));
      return;
    }
    dev.hogwatch.history.RangeUsage u;
    try {
      u = history.range(since, until);
    } catch (Exception e) { // the store's own failure: log it, tell the page briefly
      LOG.log(Level.WARNING, "range query failed", e);
      sendJson(ex, 500, Json.bytes(new Json.Problem("history could not be read (logged)")));
      return;
    }
    if (u == null) {
      sendJson(ex, 503, Json.bytes(new Json.Problem("history is not recorded (no history store)")));
      return;
    }
    sendJson(ex, 200, Json.bytes(Json.range(u)));
  }

  /**
   * {@code /api/alerts}: rules, caps and the latest alerts, as {@code hogwatch alerts --json}. A
   * server that checks no alerts answers the same shape, empty, with that said in {@code problem}
   * (the page asks every 10 s: an error status would fill the browser's console).
   */
  private void alertsJson(HttpExchange ex) throws IOException {
    AlertsReport r = alertReport();
    Object body =
        r != null
            ? r.json()
            : Map.of(
                "rules", List.of(), "caps", List.of(), "alerts", List.of(), "problem", NO_ALERTS);
    sendJson(ex, 200, Json.bytes(body));
  }

  /** {@code problem} of {@code /api/alerts} when this server checks no alerts. */
  static final String NO_ALERTS = "alerts are not checked by this server";

  /** Epoch milliseconds ({@code 1767261600000}) or ISO-8601 ({@code 2026-01-01T10:00:00Z}). */
  static Instant instant(String s) {
    try {
      if (s.matches("-?\\d{1,15}")) {
        return Instant.ofEpochMilli(Long.parseLong(s));
      }
      return Instant.parse(s);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "not a time: '" + s + "' (use epoch milliseconds or 2026-01-01T10:00:00Z)", e);
    }
  }

  private void stream(HttpExchange ex) throws IOException {
    if (!streams.tryAcquire()) {
      ex.getResponseHeaders().set("Retry-After", "5");
      sendText(ex, 503, "too many stream clients (limit " + options.maxStreams() + ")");
      return;
    }
    Broadcast.Client client = new Broadcast.Client();
    streaming.add(client);
    try {
      Headers h = ex.getResponseHeaders();
      h.set("Content-Type", "text/event-stream; charset=utf-8");
      h.set("Cache-Control", "no-store");
      h.set("X-Accel-Buffering", "no");
      common(h);
      if (ex.getRequestMethod().equals("HEAD")) {
        ex.sendResponseHeaders(200, -1);
        return;
      }
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      byte[] first = broadcast.join(client);
      client.beginWrite();
      out.write("retry: 2000\n\n".getBytes(StandardCharsets.US_ASCII));
      out.write(first);
      out.flush();
      client.endWrite();
      byte[] keepAlive = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
      while (true) {
        byte[] e = client.queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
        if (e == Broadcast.CLOSE) {
          if (client.cutOff) {
            LOG.info("a stream client fell " + Broadcast.QUEUE + " events behind: cut off");
          }
          return;
        }
        // a client that stops reading blocks this write; the watchdog (or Broadcast, when the
        // client falls too far behind) interrupts it, which closes the connection
        client.beginWrite();
        out.write(e == null ? keepAlive : e);
        out.flush();
        client.endWrite();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      client.endWrite();
      streaming.remove(client);
      broadcast.leave(client);
      streams.release();
    }
  }

  private static void common(Headers h) {
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("X-Frame-Options", "DENY");
  }

  private static void sendText(HttpExchange ex, int status, String text) throws IOException {
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    send(ex, status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static void sendJson(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    send(ex, status, "application/json", body);
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    Headers h = ex.getResponseHeaders();
    h.set("Content-Type", type);
    common(h);
    if (ex.getRequestMethod().equals("HEAD") || body.length == 0) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
