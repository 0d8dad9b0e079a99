package dev.hogwatch.wiring;

import dev.hogwatch.alerts.AlertService;
import dev.hogwatch.alerts.RulesFile;
import dev.hogwatch.cli.Commands;
import dev.hogwatch.serve.ServeOptions;
import dev.hogwatch.serve.StoredHistory;
import dev.hogwatch.serve.WebServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hogwatch serve}: starts one engine (live capture, or the demo trace with {@code --demo})
 * and the web server on top of it, until Ctrl-C. Every page, stream and scraper shares that one
 * capture.
 *
 * <p>Example: {@code hogwatch serve --bind 0.0.0.0 --port 6432} prints the address and a generated
 * token: {@code open http://HOST:6432/?token=...}.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Web view and Prometheus metrics: one capture for any number of viewers.",
      "Pages at /, JSON at /api/snapshot, /api/history, /api/range, /api/alerts, /api/stream"
          + " (SSE), Prometheus at /metrics."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one)",
      defaultValue = "6432")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      description =
          "address to listen on (default: ${DEFAULT-VALUE}); any non-loopback address needs a"
              + " token",
      defaultValue = "127.0.0.1")
  String bind;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "secret every request must carry (Authorization: Bearer, or ?token= once in a browser);"
              + " generated when binding beyond loopback without one. Visible to other users in"
              + " ps: prefer --token-file or the HOGWATCH_TOKEN environment variable")
  String token;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "read the token from FILE (its first line), e.g. one only you can read (chmod 600)")
  java.nio.file.Path tokenFile;

  /** Environment variable with the token, when neither --token nor --token-file is given. */
  static final String TOKEN_ENV = "HOGWATCH_TOKEN";

  @Option(
      names = "--max-streams",
      paramLabel = "N",
      description = "most concurrent /api/stream clients (default: ${DEFAULT-VALUE})",
      defaultValue = "" + ServeOptions.DEFAULT_MAX_STREAMS)
  int maxStreams;

  @ParentCommand App app;

  /**
   * The token: {@code --token}, else the first line of {@code --token-file}, else {@code
   * HOGWATCH_TOKEN}, else none.
   *
   * @throws IllegalArgumentException when the file cannot be read or is empty
   */
  static Optional<String> token(String option, java.nio.file.Path file, String env) {
    if (option != null) {
      return Optional.of(option);
    }
    if (file != null) {
      String first;
      try {
        first = java.nio.file.Files.readAllLines(file).stream().findFirst().orElse("").strip();
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new IllegalArgumentException("cannot read the token file " + file, e);
      }
      if (first.isEmpty()) {
        throw new IllegalArgumentException("the token file " + file + " is empty");
      }
      return Optional.of(first);
    }
    return Optional.ofNullable(env).map(String::strip).filter(t -> !t.isEmpty());
  }

  /**
   * The alert rules of {@code alerts.json} checked over the engine's history, for {@code
   * /api/alerts} and the metrics; alerts that become due are logged in history and printed (a
   * server has no desktop to notify).
   */
  static AlertService startAlerts(Engine engine, PrintWriter err) {
    Clock clock = Clock.system(ZoneId.systemDefault());
    AlertService alerts =
        AlertService.start(
            engine.history(), new RulesFile(Paths.alertRules(), clock), AlertService.EVERY, clock);
    alerts.addNoticeListener(
        n -> {
          err.println("hogwatch serve: alert: " + n.title() + " — " + n.body());
          err.flush();
        });
    var unused = alerts.checkNow();
    return alerts;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ServeOptions options;
    try {
      options =
          new ServeOptions(
                  bind,
                  port,
                  token(token, tokenFile, System.getenv(TOKEN_ENV)),
                  maxStreams,
                  ServeOptions.DEFAULT_MAX_IN_FLIGHT)
              .withTokenIfNeeded();
    } catch (IllegalArgumentException e) {
      err.println("hogwatch serve: " + e.getMessage());
      err.flush();
      return Commands.EXIT_USAGE;
    }
    Engine engine = Engine.start(app.options());
    WebServer web;
    try {
      web = WebServer.start(engine.hub(), StoredHistory.of(engine.history()), options);
    } catch (BindException e) {
      engine.shutdown();
      err.println(
          "hogwatch serve: cannot listen on "
              + bind
              + ":"
              + port
              + ": the port is in use, or the address is not one of this machine's");
      err.println(
          "Fix: choose another port, e.g. --port "
              + (port == 65535 ? 6433 : port + 1)
              + ", or stop what listens there (ss -ltnp 'sport = :"
              + port
              + "' shows it)");
      err.flush();
      return 1;
    } catch (IOException | IllegalArgumentException e) {
      engine.shutdown();
      err.println("hogwatch serve: cannot listen on " + bind + ":" + port);
      err.flush();
      return 1;
    }
    AlertService alerts = startAlerts(engine, err);
    web.alerts(() -> AlertsWeb.report(alerts.state()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  web.close();
                  alerts.close();
                  engine.shutdown();
                  stopped.countDown();
                },
                "hogwatch-serve-shutdown"));
    out.println("Hogwatch web view: " + web.url() + (engine.options().demo() ? " (demo)" : ""));
    out.println("Prometheus metrics: " + web.url().resolve("/metrics"));
    web.token()
        .ifPresent(
            t -> {
              out.println("Token: " + t);
              out.println("Open once in a browser: " + web.urlWithToken());
              out.println("Scrapers send: Authorization: Bearer " + t);
            });
    out.println("Ctrl-C stops.");
    out.flush();
    stopped.await();
    return 0;
  }
}
