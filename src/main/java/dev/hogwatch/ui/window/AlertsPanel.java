package dev.hogwatch.ui.window;

import dev.hogwatch.alerts.AlertService;
import dev.hogwatch.alerts.CapStatus;
import dev.hogwatch.alerts.Rule;
import dev.hogwatch.history.LoggedAlert;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;
import javax.swing.table.DefaultTableModel;

/**
 * The window's "Alerts" tab: whether notifications can be shown, each data cap's progress, the
 * rules (add with the Alerts dialog, remove) and the latest alerts. Follows the {@link
 * AlertService}'s state on the EDT.
 */
public final class AlertsPanel extends JPanel {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

  private final transient AlertService service;
  private final transient Supplier<String> delivery;
  private final transient Consumer<AlertService.State> listener = new StateListener();
  private final JLabel status = new JLabel(" ");
  private final JPanel caps = new JPanel();
  private final javax.swing.DefaultListModel<RuleItem> rules = new javax.swing.DefaultListModel<>();
  private final JList<RuleItem> ruleList = new JList<>(rules);
  private final DefaultTableModel recent =
      new DefaultTableModel(new Object[] {"When", "Alert", "Details"}, 0) {
        @Override
        public boolean isCellEditable(int row, int column) {
          return false;
        }
      };
  private final JButton remove = new JButton("Remove");

  /** Hops from the alerts thread to the EDT. */
  private final class StateListener implements Consumer<AlertService.State> {
    @Override
    public void accept(AlertService.State s) {
      SwingUtilities.invokeLater(() -> show(s));
    }
  }

  private record RuleItem(Rule rule) {
    @Override
    public String toString() {
      return rule.id() + ".  " + rule.describe();
    }
  }

  /**
   * @param delivery empty when notifications reach the desktop, else why not
   */
  public AlertsPanel(AlertService service, Supplier<String> delivery) {
    super(new BorderLayout(0, 8));
    this.service = service;
    this.delivery = delivery;
    setBorder(BorderFactory.createEmptyBorder(10, 10, 10, 10));
    status.setName("alerts.status");
    caps.setLayout(new BoxLayout(caps, BoxLayout.Y_AXIS));
    caps.setName("alerts.caps");
    JPanel top = new JPanel(new BorderLayout(0, 6));
    top.add(status, BorderLayout.NORTH);
    top.add(caps, BorderLayout.CENTER);
    add(top, BorderLayout.NORTH);

    ruleList.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    ruleList.setName("alerts.rules");
    JButton add = new JButton("Add rule…");
    add.setName("alerts.add");
    add.addActionListener(e -> AlertRuleDialog.open(this, service));
    remove.setName("alerts.remove");
    remove.setEnabled(false);
    ruleList.addListSelectionListener(e -> remove.setEnabled(ruleList.getSelectedValue() != null));
    remove.addActionListener(e -> removeSelected());
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
    buttons.add(add);
    buttons.add(Box.createHorizontalStrut(6));
    buttons.add(remove);
    JPanel rulesPanel = new JPanel(new BorderLayout(0, 4));
    rulesPanel.add(new JLabel("Rules"), BorderLayout.NORTH);
    rulesPanel.add(new JScrollPane(ruleList), BorderLayout.CENTER);
    rulesPanel.add(buttons, BorderLayout.SOUTH);

    JTable table = new JTable(recent);
    table.setName("alerts.recent");
    table.getColumnModel().getColumn(0).setPreferredWidth(90);
    table.getColumnModel().getColumn(1).setPreferredWidth(220);
    table.getColumnModel().getColumn(2).setPreferredWidth(420);
    WrappingCell wrap = new WrappingCell();
    table.getColumnModel().getColumn(0).setCellRenderer(wrap);
    table.getColumnModel().getColumn(1).setCellRenderer(wrap);
    table.getColumnModel().getColumn(2).setCellRenderer(wrap);
    JPanel recentPanel = new JPanel(new BorderLayout(0, 4));
    recentPanel.add(new JLabel("Latest alerts"), BorderLayout.NORTH);
    recentPanel.add(new JScrollPane(table), BorderLayout.CENTER);
    JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, rulesPanel, recentPanel);
    split.setResizeWeight(0.4);
    split.setBorder(null);
    add(split, BorderLayout.CENTER);
    show(service.state());
  }

  @Override
  public void addNotify() {
    super.addNotify();
    service.addStateListener(listener);
  }

  @Override
  public void removeNotify() {
    service.removeStateListener(listener);
    super.removeNotify();
  }

  private void removeSelected() {
    RuleItem item = ruleList.getSelectedValue();
    if (item == null) {
      return;
    }
    try {
      service.rulesFile().remove(item.rule().id());
      var unused = service.checkNow();
    } catch (IOException e) {
      JOptionPane.showMessageDialog(
          this,
          "Could not save " + service.rulesFile().file() + ": " + e.getMessage(),
          "Alerts",
          JOptionPane.WARNING_MESSAGE);
    }
  }

  /** Shows {@code s} (EDT). */
  void show(AlertService.State s) {
    String d = delivery.get();
    String problem = s.problem();
    if (!problem.isEmpty()) {
      status.setText(html(problem));
      status.setForeground(warning());
    } else if (!d.isEmpty()) {
      status.setText(
          html(
              "Alerts cannot show as notifications: "
                  + d
                  + ". They show here, and in the tray menu while Hogwatch runs in"
                  + " the tray."));
      status.setForeground(warning());
    } else {
      status.setText(
          s.rules().isEmpty()
              ? "No alert rules yet: add one below."
              : "Alerts show as desktop notifications.");
      status.setForeground(UIManager.getColor("Label.foreground"));
    }
    caps.removeAll();
    for (CapStatus c : s.caps()) {
      caps.add(capRow(c));
    }
    caps.revalidate();
    RuleItem selected = ruleList.getSelectedValue();
    List<Rule> now = s.rules();
    boolean same = rules.size() == now.size();
    for (int i = 0; same && i < now.size(); i++) {
      same = rules.get(i).rule().equals(now.get(i));
    }
    if (!same) {
      rules.clear();
      now.forEach(r -> rules.addElement(new RuleItem(r)));
      if (selected != null) {
        for (int i = 0; i < rules.size(); i++) {
          if (rules.get(i).rule().id() == selected.rule().id()) {
            ruleList.setSelectedIndex(i);
          }
        }
      }
    }
    recent.setRowCount(0);
    for (LoggedAlert a : s.recent()) {
      recent.addRow(
          new Object[] {WHEN.format(a.at().atZone(ZoneId.systemDefault())), a.title(), a.body()});
    }
  }

  /** One cap: its rule and a bar, then dates and the projection ({@link CapProgress#row}). */
  static JPanel capRow(CapStatus c) {
    return CapProgress.row(c);
  }

  /** Amber that reads on the light and on the dark theme (as the header's alert notice). */
  private static Color warning() {
    return ThemeSupport.isDark() ? new Color(0xF0B050) : new Color(0x9A5B00);
  }

  /**
   * Shows a cell's whole text, wrapped at the column's width, and makes its row tall enough: an
   * alert's title and details are never cut off with "…".
   */
  static final class WrappingCell extends javax.swing.JTextArea
      implements javax.swing.table.TableCellRenderer {
    WrappingCell() {
      setLineWrap(true);
      setWrapStyleWord(true);
      setOpaque(true);
      setBorder(BorderFactory.createEmptyBorder(1, 4, 1, 4));
    }

    @Override
    public java.awt.Component getTableCellRendererComponent(
        JTable table, Object value, boolean selected, boolean focus, int row, int column) {
      setText(value == null ? "" : value.toString());
      setFont(table.getFont());
      setForeground(selected ? table.getSelectionForeground() : table.getForeground());
      setBackground(selected ? table.getSelectionBackground() : table.getBackground());
      int width = table.getColumnModel().getColumn(column).getWidth();
      setSize(width, Short.MAX_VALUE);
      int needed = Math.max(table.getRowHeight(), getPreferredSize().height);
      int tallest = needed;
      for (int c = 0; c < table.getColumnCount(); c++) {
        if (c != column && table.getColumnModel().getColumn(c).getCellRenderer() == this) {
          tallest = Math.max(tallest, heightOf(table, row, c));
        }
      }
      if (table.getRowHeight(row) != tallest) {
        table.setRowHeight(row, tallest);
      }
      return this;
    }

    private int heightOf(JTable table, int row, int column) {
      javax.swing.JTextArea probe =
          new javax.swing.JTextArea(String.valueOf(table.getValueAt(row, column)));
      probe.setLineWrap(true);
      probe.setWrapStyleWord(true);
      probe.setFont(table.getFont());
      probe.setBorder(getBorder());
      probe.setSize(table.getColumnModel().getColumn(column).getWidth(), Short.MAX_VALUE);
      return probe.getPreferredSize().height;
    }
  }

  private static String html(String text) {
    return "<html>"
        + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        + "</html>";
  }
}
