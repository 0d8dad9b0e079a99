package dev.hogwatch.ui.window;

import dev.hogwatch.model.ProcessStat;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Totals;
import java.util.ArrayList;
import java.util.List;

/**
 * The process table's model: one row per live process plus one "Unattributed" row that sums the
 * traffic nethogs could not attribute (its pid 0 lines, including folded ones), and a "Not seen by
 * capture" row for what the interfaces carried that nethogs never reported, when there is any. EDT
 * only; rows come in whole from a {@link Snapshot}.
 */
final class ProcessRows extends NamedColumnsModel {
  static final int PROGRAM = 0;
  static final int PID = 1;
  static final int USER = 2;
  static final int SENT = 3;
  static final int RECEIVED = 4;
  static final int TOTAL = 5;
  static final int UP = 6;
  static final int DOWN = 7;

  private static final String[] NAMES = {
    "Program", "PID", "User", "Sent", "Received", "Total", "↑ Rate", "↓ Rate"
  };
  private static final Class<?>[] TYPES = {
    String.class,
    Integer.class,
    String.class,
    Long.class,
    Long.class,
    Long.class,
    Double.class,
    Double.class
  };

  /** One table row. {@code pid} is null for the unattributed row. */
  record Row(
      Subject subject,
      String program,
      Integer pid,
      String user,
      long sent,
      long received,
      double upRate,
      double downRate) {
    long total() {
      return sent + received;
    }
  }

  private List<Row> rows = List.of();

  ProcessRows() {
    super(NAMES);
  }

  /** The rows for a snapshot: its processes, pid 0 lines merged into one "Unattributed" row. */
  static List<Row> rowsOf(Snapshot s) {
    List<Row> out = new ArrayList<>(s.processes().size() + 1);
    for (ProcessStat p : s.processes()) {
      if (!p.unattributed()) {
        out.add(
            new Row(
                Subject.process(p.name(), p.pid(), p.uid()),
                p.name(),
                p.pid(),
                p.user(),
                p.sentBytes(),
                p.receivedBytes(),
                p.sentRate(),
                p.receivedRate()));
      }
    }
    if (s.capture().state().perProcess() || s.unattributed().totalBytes() > 0) {
      Totals u = s.unattributed();
      out.add(
          new Row(
              Subject.UNATTRIBUTED,
              "Unattributed",
              null,
              "",
              u.sentBytes(),
              u.receivedBytes(),
              u.sentRate(),
              u.receivedRate()));
    }
    Totals n = s.unseen();
    if (n.totalBytes() > 0) {
      out.add(
          new Row(
              Subject.UNSEEN,
              Snapshot.UNSEEN_LABEL,
              null,
              "",
              n.sentBytes(),
              n.receivedBytes(),
              n.sentRate(),
              n.receivedRate()));
    }
    return List.copyOf(out);
  }

  void setRows(List<Row> newRows) {
    rows = List.copyOf(newRows);
    fireTableDataChanged();
  }

  List<Row> rows() {
    return rows;
  }

  Row row(int modelIndex) {
    return rows.get(modelIndex);
  }

  @Override
  public int getRowCount() {
    return rows.size();
  }

  @Override
  public Class<?> getColumnClass(int column) {
    return TYPES[column];
  }

  @Override
  public Object getValueAt(int rowIndex, int column) {
    Row r = rows.get(rowIndex);
    return switch (column) {
      case PROGRAM -> r.pid() == null ? r.program() : Subject.shortName(r.program());
      case PID -> r.pid();
      case USER -> r.user();
      case SENT -> r.sent();
      case RECEIVED -> r.received();
      case TOTAL -> r.total();
      case UP -> r.upRate();
      case DOWN -> r.downRate();
      default -> throw new IllegalArgumentException("column " + column);
    };
  }
}
