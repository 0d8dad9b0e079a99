package dev.hogwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hogwatch.model.ProcessStat;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Units;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;

/**
 * The rows {@code top} and {@code replay} print, as JSON or as a table. Every process the model
 * knows is a row, sorted by bytes transferred; processes that exited and were folded into their
 * program's aggregate come back as one row per program with pid {@code -1}, so the rows always sum
 * to the totals.
 *
 * <p>JSON (the field names are a contract):
 *
 * <pre>
 * {"processes":[{"name":"/usr/bin/python3","pid":9500,"uid":0,"user":"root",
 *    "sentBytes":10642,"receivedBytes":958568,"sentRate":0.0,"receivedRate":0.0}],
 *  "totals":{"sentBytes":10642,"receivedBytes":958568,"sentRate":0.0,"receivedRate":0.0}}
 * </pre>
 */
final class Report {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** pid of a row that sums a program's exited (folded) processes. */
  static final int FOLDED_PID = Snapshot.FOLDED_PID;

  private final List<ProcessStat> rows;
  private final long sent;
  private final long received;
  private final double sentRate;
  private final double receivedRate;

  private Report(List<ProcessStat> rows) {
    this.rows = rows;
    long s = 0;
    long r = 0;
    double sr = 0;
    double rr = 0;
    for (ProcessStat p : rows) {
      s += p.sentBytes();
      r += p.receivedBytes();
      sr += p.sentRate();
      rr += p.receivedRate();
    }
    this.sent = s;
    this.received = r;
    this.sentRate = sr;
    this.receivedRate = rr;
  }

  /** All rows of a snapshot, folded processes included. */
  static Report of(Snapshot s) {
    return new Report(s.rows());
  }

  List<ProcessStat> rows() {
    return rows;
  }

  long sentBytes() {
    return sent;
  }

  long receivedBytes() {
    return received;
  }

  /** The JSON document, one line. */
  String json() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("processes");
    for (ProcessStat p : rows) {
      ObjectNode o = list.addObject();
      o.put("name", p.name());
      o.put("pid", p.pid());
      o.put("uid", p.uid());
      o.put("user", p.user());
      o.put("sentBytes", p.sentBytes());
      o.put("receivedBytes", p.receivedBytes());
      o.put("sentRate", p.sentRate());
      o.put("receivedRate", p.receivedRate());
    }
    ObjectNode t = root.putObject("totals");
    t.put("sentBytes", sent);
    t.put("receivedBytes", received);
    t.put("sentRate", sentRate);
    t.put("receivedRate", receivedRate);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON of plain nodes cannot fail", e);
    }
  }

  /**
   * The table: program, pid, user, sent, received, up and down rate, then a total line. {@code
   * limit} rows at most (0 = all); the total line always covers all rows.
   */
  String table(int limit, Charset charset) {
    boolean arrows = charset.newEncoder().canEncode("↑↓");
    String up = arrows ? "↑ RATE" : "UP/S";
    String down = arrows ? "↓ RATE" : "DOWN/S";
    int shown = limit > 0 ? Math.min(limit, rows.size()) : rows.size();
    int nameWidth = 7;
    for (int i = 0; i < shown; i++) {
      nameWidth = Math.max(nameWidth, Math.min(40, rows.get(i).name().length()));
    }
    String fmt = "%-" + nameWidth + "s %7s %-10s %10s %10s %12s %12s%n";
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(Locale.ROOT, fmt, "PROGRAM", "PID", "USER", "SENT", "RECEIVED", up, down));
    for (int i = 0; i < shown; i++) {
      ProcessStat p = rows.get(i);
      String name =
          p.name().length() > 40 ? "…" + p.name().substring(p.name().length() - 39) : p.name();
      if (!arrows) {
        name = name.replace('…', '~');
      }
      sb.append(
          String.format(
              Locale.ROOT,
              fmt,
              name,
              p.pid() == FOLDED_PID ? "exited" : Integer.toString(p.pid()),
              p.user(),
              Units.bytes(p.sentBytes()),
              Units.bytes(p.receivedBytes()),
              Units.rate(p.sentRate(), Units.Mode.BYTES),
              Units.rate(p.receivedRate(), Units.Mode.BYTES)));
    }
    String label = shown < rows.size() ? "TOTAL (" + rows.size() + " rows)" : "TOTAL";
    sb.append(
        String.format(
            Locale.ROOT,
            fmt,
            label,
            "",
            "",
            Units.bytes(sent),
            Units.bytes(received),
            Units.rate(sentRate, Units.Mode.BYTES),
            Units.rate(receivedRate, Units.Mode.BYTES)));
    return sb.toString();
  }
}
