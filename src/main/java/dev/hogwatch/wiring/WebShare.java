package dev.hogwatch.wiring;

import dev.hogwatch.model.Hub;
import dev.hogwatch.serve.HistorySource;
import dev.hogwatch.serve.ServeOptions;
import dev.hogwatch.serve.WebServer;
import java.io.IOException;
import java.net.BindException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tray's "Share on localhost:6432" toggle: starts or stops the web server of {@code hogwatch
 * serve} on the tray's own Hub (so still one nethogs). Loopback only, hence no token.
 *
 * <p>Example: {@code String error = share.set(true); // "" when http://127.0.0.1:6432/ is up}
 */
final class WebShare implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WebShare.class.getName());

  private final Hub hub;
  private final HistorySource history;
  private final ServeOptions options;
  private WebServer web;
  private java.util.function.Supplier<dev.hogwatch.serve.AlertsReport> alerts;

  WebShare(Hub hub, HistorySource history, ServeOptions options) {
    this.hub = hub;
    this.history = history;
    this.options = options;
  }

  /** The tray's share: loopback, port 6432. */
  static WebShare onLocalhost(Hub hub, HistorySource history) {
    return new WebShare(hub, history, ServeOptions.defaults());
  }

  /** Where alerts stand, for the shared page's {@code /api/alerts} and metrics. */
  synchronized void alerts(java.util.function.Supplier<dev.hogwatch.serve.AlertsReport> source) {
    alerts = source;
    if (web != null) {
      web.alerts(source);
    }
  }

  synchronized boolean enabled() {
    return web != null;
  }

  /** The page's address while shared. */
  synchronized java.util.Optional<java.net.URI> url() {
    return java.util.Optional.ofNullable(web).map(WebServer::url);
  }

  /** Starts or stops sharing; returns an error message for people, or an empty string. */
  synchronized String set(boolean enabled) {
    if (enabled == (web != null)) {
      return "";
    }
    if (!enabled) {
      web.close();
      web = null;
      return "";
    }
    try {
      web = WebServer.start(hub, history, options);
      if (alerts != null) {
        web.alerts(alerts);
      }
      LOG.info("sharing on " + web.url());
      return "";
    } catch (BindException e) {
      return "Port "
          + options.port()
          + " is already in use (is \"hogwatch serve\" running?). Not shared.";
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "cannot share", e);
      return "Could not share on port "
          + options.port()
          + ": the web server did not start. Not shared (details are in the log).";
    }
  }

  @Override
  public void close() {
    set(false);
  }
}
