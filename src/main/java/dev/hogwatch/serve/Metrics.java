package dev.hogwatch.serve;

import dev.hogwatch.model.AppStat;
import dev.hogwatch.model.InterfaceStat;
import dev.hogwatch.model.ProcessStat;
import dev.hogwatch.model.ProgramStat;
import dev.hogwatch.model.Snapshot;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code /metrics}: the Hub's totals in the Prometheus text format, through the official client
 * ({@code CounterWithCallback} / {@code GaugeWithCallback} read one snapshot per scrape).
 *
 * <p>Labels stay bounded: per program (nethogs name + user) and per application (kind, id, user),
 * never per pid; at most {@link #MAX_PROGRAMS} programs and as many applications get their own
 * series, later ones add up under {@code program="(other)"} / {@code app="(other)"}. Traffic
 * nethogs could not attribute (pid 0: "unknown TCP", connection tuples) is not a program: it is
 * counted in {@code hogwatch_unattributed_*}. Example output:
 *
 * <pre>
 * # TYPE hogwatch_sent_bytes_total counter
 * hogwatch_sent_bytes_total{program="/usr/bin/curl",user="alice"} 52311.0
 * hogwatch_app_sent_bytes_total{app="org.mozilla.firefox",kind="flatpak",user="alice"} 9.1E7
 * hogwatch_capture_up 1.0
 * hogwatch_data_cap_used_ratio{rule="1"} 0.82
 * hogwatch_alerts_total{rule="1"} 1.0
 * </pre>
 *
 * <p>Alert series come from the alert rules in force (at most {@link #MAX_RULES}, labelled by the
 * rule's number): each data cap's used fraction of its current period, and the alerts each rule
 * gave since this Hogwatch started.
 */
final class Metrics {

  /** Most programs with their own series. */
  static final int MAX_PROGRAMS = 500;

  static final String OTHER = "(other)";

  /** "10.0.0.1:22-10.0.0.2:5555", "[::1]:80-[::1]:4242": what nethogs names pid 0 connections. */
  private static final Pattern TUPLE = Pattern.compile("^\\S+:\\d+-\\S+:\\d+$");

  private static final int MAX_SEEN_UNATTRIBUTED = 10_000;

  /** Most alert rules with their own series (rule numbers are the label). */
  static final int MAX_RULES = 100;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Supplier<Snapshot> source;
  private final Map<String, Boolean> ownSeries = new HashMap<>();
  private final Set<String> seenUnattributed = new HashSet<>();
  private final int maxPrograms;
  private final Map<String, Boolean> ownAppSeries = new HashMap<>();
  private final Supplier<AlertsReport> alertSource;
  private Snapshot current;
  private AlertsReport alerts;

  Metrics(Supplier<Snapshot> source, IntSupplier streamClients) {
    this(source, streamClients, () -> null);
  }

  /**
   * @param alerts where alerts stand, read once per scrape; null (from the supplier) gives no alert
   *     series
   */
  Metrics(Supplier<Snapshot> source, IntSupplier streamClients, Supplier<AlertsReport> alerts) {
    this(source, streamClients, MAX_PROGRAMS, alerts);
  }

  Metrics(Supplier<Snapshot> source, IntSupplier streamClients, int maxPrograms) {
    this(source, streamClients, maxPrograms, () -> null);
  }

  /**
   * @param source the snapshot to expose, read once per scrape (e.g. {@code hub::latest})
   * @param streamClients number of connected stream clients, exposed as a gauge
   * @param maxPrograms most programs with their own series
   */
  Metrics(
      Supplier<Snapshot> source,
      IntSupplier streamClients,
      int maxPrograms,
      Supplier<AlertsReport> alertState) {
    this.source = source;
    this.alertSource = alertState;
    this.maxPrograms = maxPrograms;
    this.current = source.get();
    CounterWithCallback.builder()
        .name("hogwatch_sent_bytes")
        .help("Bytes uploaded per program and user since hogwatch started")
        .labelNames("program", "user")
        .callback(cb -> programs().forEach((k, v) -> cb.call(v[0], k.program, k.user)))
        .register(registry);
    CounterWithCallback.builder()
        .name("hogwatch_received_bytes")
        .help("Bytes downloaded per program and user since hogwatch started")
        .labelNames("program", "user")
        .callback(cb -> programs().forEach((k, v) -> cb.call(v[1], k.program, k.user)))
        .register(registry);
    CounterWithCallback.builder()
        .name("hogwatch_app_sent_bytes")
        .help("Bytes uploaded per application (kind and id) and user since hogwatch started")
        .labelNames("kind", "app", "user")
        .callback(cb -> apps().forEach((k, v) -> cb.call(v[0], k.kind, k.app, k.user)))
        .register(registry);
    CounterWithCallback.builder()
        .name("hogwatch_app_received_bytes")
        .help("Bytes downloaded per application (kind and id) and user since hogwatch started")
        .labelNames("kind", "app", "user")
        .callback(cb -> apps().forEach((k, v) -> cb.call(v[1], k.kind, k.app, k.user)))
        .register(registry);
    CounterWithCallback.builder()
        .name("hogwatch_interface_sent_bytes")
        .help("Bytes transmitted per network interface since hogwatch started (/proc/net/dev)")
        .labelNames("interface")
        .callback(
            cb -> {
              for (InterfaceStat i : current.interfaces()) {
                cb.call((double) i.sentBytes(), i.name());
              }
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("hogwatch_interface_received_bytes")
        .help("Bytes received per network interface since hogwatch started (/proc/net/dev)")
        .labelNames("interface")
        .callback(
            cb -> {
              for (InterfaceStat i : current.interfaces()) {
                cb.call((double) i.receivedBytes(), i.name());
              }
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("hogwatch_unattributed_sent_bytes")
        .help("Uploaded bytes nethogs could not attribute to a process (pid 0)")
        .callback(cb -> cb.call((double) current.unattributed().sentBytes()))
        .register(registry);
    CounterWithCallback.builder()
        .name("hogwatch_unattributed_received_bytes")
        .help("Downloaded bytes nethogs could not attribute to a process (pid 0)")
        .callback(cb -> cb.call((double) current.unattributed().receivedBytes()))
        .register(registry);
    CounterWithCallback.builder()
        .name("hogwatch_unseen_sent_bytes")
        .help(
            "Uploaded bytes the interfaces counted that nethogs never reported (/proc/net/dev minus"
                + " nethogs)")
        .callback(cb -> cb.call((double) current.unseen().sentBytes()))
        .register(registry);
    CounterWithCallback.builder()
        .name("hogwatch_unseen_received_bytes")
        .help(
            "Downloaded bytes the interfaces counted that nethogs never reported (/proc/net/dev"
                + " minus nethogs)")
        .callback(cb -> cb.call((double) current.unseen().receivedBytes()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("hogwatch_capture_up")
        .help("1 while per-process capture (nethogs or the demo trace) is delivering, else 0")
        .callback(cb -> cb.call(current.capture().state().perProcess() ? 1 : 0))
        .register(registry);
    CounterWithCallback.builder()
        .name("hogwatch_nethogs_restarts")
        .help("How many times nethogs was restarted (crash or schedule)")
        .callback(cb -> cb.call((double) current.restarts()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("hogwatch_stream_clients")
        .help("Connected /api/stream clients")
        .callback(cb -> cb.call(streamClients.getAsInt()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("hogwatch_data_cap_used_ratio")
        .help("Used fraction of each data cap's current period (1 = the cap is reached)")
        .labelNames("rule")
        .callback(
            cb -> {
              if (this.alerts != null) {
                bounded(this.alerts.capUsedRatio()).forEach((rule, v) -> cb.call(v, rule));
              }
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("hogwatch_alerts")
        .help("Alerts each rule gave since hogwatch started")
        .labelNames("rule")
        .callback(
            cb -> {
              if (this.alerts != null) {
                bounded(this.alerts.alertsGiven()).forEach((rule, n) -> cb.call(n, rule));
              }
            })
        .register(registry);
  }

  /**
   * The first {@link #MAX_RULES} entries by rule number (numbers first, then other labels), as
   * doubles.
   */
  private static Map<String, Double> bounded(Map<String, ? extends Number> byRule) {
    Map<String, Double> out = new LinkedHashMap<>();
    byRule.entrySet().stream()
        .sorted(
            java.util.Comparator.comparing(
                    (Map.Entry<String, ? extends Number> e) -> !e.getKey().matches("\\d{1,9}"))
                .thenComparing(
                    e -> e.getKey().matches("\\d{1,9}") ? Integer.parseInt(e.getKey()) : 0)
                .thenComparing(Map.Entry::getKey))
        .limit(MAX_RULES)
        .forEach(e -> out.put(e.getKey(), e.getValue().doubleValue()));
    return out;
  }

  /** The content type of {@link #scrape()}. */
  String contentType() {
    return writer.getContentType();
  }

  /** One consistent scrape of the latest snapshot. */
  synchronized byte[] scrape() {
    current = source.get();
    alerts = alertSource.get();
    for (ProcessStat p : current.processes()) {
      if (p.unattributed() && seenUnattributed.size() < MAX_SEEN_UNATTRIBUTED) {
        seenUnattributed.add(p.name());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      writer.write(out, registry.scrape(), EscapingScheme.DEFAULT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private record Series(String program, String user) {}

  private record AppSeries(String kind, String app, String user) {}

  /**
   * Application series of the current snapshot: [sent, received] per label set. The app label is
   * the application's id (stable, unlike its display name); unattributed traffic is not an
   * application (see {@code hogwatch_unattributed_*}).
   */
  private Map<AppSeries, double[]> apps() {
    Map<AppSeries, double[]> out = new LinkedHashMap<>();
    for (AppStat a : current.apps()) {
      if (a.app().unattributed()) {
        continue;
      }
      String key = a.app().key() + "\u0000" + a.user();
      Boolean own = ownAppSeries.get(key);
      if (own == null) {
        own = ownAppSeries.size() < maxPrograms;
        ownAppSeries.put(key, own);
      }
      AppSeries s =
          own
              ? new AppSeries(a.app().kind().label(), a.app().id(), a.user())
              : new AppSeries(OTHER, OTHER, OTHER);
      double[] v = out.computeIfAbsent(s, x -> new double[2]);
      v[0] += a.sentBytes();
      v[1] += a.receivedBytes();
    }
    return out;
  }

  /** Program series of the current snapshot: [sent, received] per label set. */
  private Map<Series, double[]> programs() {
    Map<Series, double[]> out = new LinkedHashMap<>();
    for (ProgramStat p : current.programs()) {
      if (unattributed(p)) {
        continue;
      }
      String key = p.name() + "\u0000" + p.user();
      Boolean own = ownSeries.get(key);
      if (own == null) {
        own = ownSeries.size() < maxPrograms;
        ownSeries.put(key, own);
      }
      Series s = own ? new Series(p.name(), p.user()) : new Series(OTHER, OTHER);
      double[] v = out.computeIfAbsent(s, x -> new double[2]);
      v[0] += p.sentBytes();
      v[1] += p.receivedBytes();
    }
    return out;
  }

  /**
   * Whether a program entry is nethogs's pid 0 pseudo-process rather than a program. The model only
   * marks pid 0 on processes, so folded entries are recognized by name.
   */
  private boolean unattributed(ProgramStat p) {
    if (p.uid() != 0 || !p.pids().isEmpty()) {
      return false;
    }
    return seenUnattributed.contains(p.name())
        || p.name().startsWith("unknown ")
        || TUPLE.matcher(p.name()).matches();
  }
}
