package dev.hogwatch.ui.window;

import static dev.hogwatch.ui.window.UsagePanel.periodLabel;

import dev.hogwatch.history.PeriodUsage;
import dev.hogwatch.history.ProgramUsage;
import dev.hogwatch.model.Units;
import dev.hogwatch.ui.window.UsagePanel.Data;
import dev.hogwatch.ui.window.UsagePanel.Kind;
import java.awt.Component;
import java.awt.Graphics;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javax.swing.JPanel;
import javax.swing.JTable;
import javax.swing.table.DefaultTableCellRenderer;
import javax.swing.table.TableCellRenderer;

/**
 * The Usage tab's tables: the periods (with vnstat's bar) and the programs of the selected period,
 * with their renderers. EDT only, like the tab.
 */
final class UsageTables {
  private UsageTables() {}

  /** The periods: label, received, sent, total, and a bar scaled to the largest total. */
  static final class PeriodModel extends NamedColumnsModel {
    static final int AVERAGE = 4;
    static final int BAR = 5;
    private Data data;
    private long max;
    private Units.Mode mode = Units.Mode.BYTES;

    PeriodModel() {
      super("Period", "Received", "Sent", "Total", "Average", "");
    }

    void setMode(Units.Mode m) {
      mode = m;
      if (data != null) {
        fireTableRowsUpdated(0, getRowCount() - 1);
      }
    }

    void set(Data d, Units.Mode m) {
      mode = m;
      data = d;
      max = 1;
      for (PeriodUsage p : d.periods()) {
        max = Math.max(max, p.totalBytes());
      }
      fireTableDataChanged();
    }

    @Override
    public int getRowCount() {
      return data == null ? 0 : data.periods().size();
    }

    @Override
    public Object getValueAt(int row, int col) {
      PeriodUsage p = data.periods().get(row);
      return switch (col) {
        case 0 ->
            data.kind() == Kind.DAYS
                ? periodLabel(Kind.DAYS, p.start())
                : p.start().format(DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT));
        case 1 -> Units.bytes(p.receivedBytes());
        case 2 -> Units.bytes(p.sentBytes());
        case 3 -> Units.bytes(p.totalBytes());
        case AVERAGE -> Units.rate(p.totalBytes() / (double) seconds(p.start()), mode);
        default -> new double[] {(double) p.receivedBytes() / max, (double) p.sentBytes() / max};
      };
    }

    /** The period's length in seconds, up to now for the current one (as vnstat's average). */
    private long seconds(LocalDate start) {
      LocalDate end =
          data.kind() == Kind.DAYS
              ? start.plusDays(1)
              : YearMonth.from(start).plusMonths(1).atDay(1);
      long days = java.time.temporal.ChronoUnit.DAYS.between(start, end);
      if (!end.isAfter(data.today())) {
        return days * 86_400;
      }
      // the current period: the days before today in full, and today so far
      long before = java.time.temporal.ChronoUnit.DAYS.between(start, data.today());
      return Math.max(60, before * 86_400 + data.secondOfDay());
    }
  }

  /** The programs of the selected period. */
  static final class ProgramModel extends RowsModel<ProgramUsage> {
    ProgramModel() {
      super("Program", "User", "Received", "Sent", "Total");
    }

    @Override
    Object cell(ProgramUsage p, int col) {
      return switch (col) {
        case 0 -> p.name(); // shown short, the full name in the tooltip
        case 1 -> p.user();
        case 2 -> Units.bytes(p.receivedBytes());
        case 3 -> Units.bytes(p.sentBytes());
        default -> Units.bytes(p.totalBytes());
      };
    }
  }

  /** A program's short name, with the full one (path and arguments) as the tooltip. */
  static final class ProgramRenderer extends DefaultTableCellRenderer {
    @Override
    public Component getTableCellRendererComponent(
        JTable table, Object value, boolean isSelected, boolean hasFocus, int row, int column) {
      String full = String.valueOf(value);
      super.getTableCellRendererComponent(
          table, Subject.shortName(full), isSelected, hasFocus, row, column);
      setToolTipText(full);
      return this;
    }
  }

  /** vnstat's bar: received then sent, as shares of the largest period. */
  static final class BarRenderer extends JPanel implements TableCellRenderer {
    private double[] shares = {0, 0};

    @Override
    public Component getTableCellRendererComponent(
        JTable table, Object value, boolean isSelected, boolean hasFocus, int row, int column) {
      shares = value instanceof double[] d ? d : new double[] {0, 0};
      setBackground(isSelected ? table.getSelectionBackground() : table.getBackground());
      return this;
    }

    @Override
    protected void paintComponent(Graphics g) {
      super.paintComponent(g);
      int w = getWidth() - 8;
      int h = Math.max(4, getHeight() - 8);
      int down = (int) Math.round(w * shares[0]);
      int up = (int) Math.round(w * shares[1]);
      g.setColor(ChartView.DOWN);
      g.fillRect(4, 4, down, h);
      g.setColor(ChartView.UP);
      g.fillRect(4 + down, 4, up, h);
    }
  }
}
