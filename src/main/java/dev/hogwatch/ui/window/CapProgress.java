package dev.hogwatch.ui.window;

import dev.hogwatch.alerts.AlertService;
import dev.hogwatch.alerts.CapStatus;
import java.awt.Color;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.SwingUtilities;

/**
 * Each data cap's progress for the current period, one block per cap:
 *
 * <pre>
 * Data cap 300 GB per month (from day 1):   [██████████████░░░░ 241 GB of 300 GB (80 %)]
 * Since 1 Dec · at this pace 312 GB of 300 GB by 31 Dec · resets on 1 Jan
 * </pre>
 *
 * The bar turns amber from 80 % and red from 100 %. Follows the {@link AlertService}'s state while
 * showing (on the EDT); hidden while there is no cap. Used by the Usage and the Alerts tabs.
 */
final class CapProgress extends JPanel {
  /** Bar colours: a cap at 80 % or more, a cap reached. */
  static final Color NEAR = new Color(0xD68910);

  static final Color OVER = new Color(0xC0392B);

  private final transient AlertService service;
  private final transient Consumer<AlertService.State> listener = new Listener();
  private List<CapStatus> shown = List.of();

  private final class Listener implements Consumer<AlertService.State> {
    @Override
    public void accept(AlertService.State s) {
      SwingUtilities.invokeLater(() -> show(s.caps()));
    }
  }

  /** Follows {@code service}; null shows nothing (no alerts in this window). */
  CapProgress(AlertService service) {
    this.service = service;
    setLayout(new BoxLayout(this, BoxLayout.Y_AXIS));
    setName("caps");
    setBorder(BorderFactory.createEmptyBorder(4, 8, 2, 8));
    setVisible(false);
    if (service != null) {
      show(service.state().caps());
    }
  }

  @Override
  public void addNotify() {
    super.addNotify();
    if (service != null) {
      service.addStateListener(listener);
    }
  }

  @Override
  public void removeNotify() {
    if (service != null) {
      service.removeStateListener(listener);
    }
    super.removeNotify();
  }

  /** Shows these caps (EDT); rebuilt only when a number shown changed. */
  void show(List<CapStatus> caps) {
    if (sameText(caps, shown)) {
      return;
    }
    shown = List.copyOf(caps);
    removeAll();
    for (CapStatus c : caps) {
      add(row(c));
    }
    setVisible(!caps.isEmpty());
    revalidate();
    repaint();
  }

  private static boolean sameText(List<CapStatus> a, List<CapStatus> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      CapStatus x = a.get(i);
      CapStatus y = b.get(i);
      if (x.rule() != y.rule()
          || !x.describe().equals(y.describe())
          || !x.usedText().equals(y.usedText())
          || !x.projection().equals(y.projection())
          || !x.start().equals(y.start())
          || Math.round(x.ratio() * 1000) != Math.round(y.ratio() * 1000)) {
        return false;
      }
    }
    return true;
  }

  /** One cap: its rule and a bar on the first line, dates and the projection on the second. */
  static JPanel row(CapStatus c) {
    JPanel row = new JPanel(new GridBagLayout());
    row.setName("cap." + c.rule());
    row.setOpaque(false);
    GridBagConstraints g = new GridBagConstraints();
    g.gridx = 0;
    g.gridy = 0;
    g.anchor = GridBagConstraints.WEST;
    g.insets = new Insets(0, 0, 2, 10);
    JLabel title = new JLabel("Data " + c.describe() + ":");
    title.setName("cap.title");
    row.add(title, g);
    JProgressBar bar = new JProgressBar(0, 1000);
    bar.setName("cap.bar");
    bar.setValue((int) Math.min(1000, Math.round(c.ratio() * 1000)));
    bar.setStringPainted(true);
    bar.setString(c.usedText());
    bar.setToolTipText(c.text());
    switch (c.level()) {
      case OVER -> bar.setForeground(OVER);
      case NEAR -> bar.setForeground(NEAR);
      case OK -> {}
    }
    bar.setMinimumSize(new java.awt.Dimension(bar.getPreferredSize().width, 18));
    g.gridx = 1;
    g.weightx = 1;
    g.fill = GridBagConstraints.HORIZONTAL;
    g.insets = new Insets(0, 0, 2, 0);
    row.add(bar, g);
    JLabel detail =
        new JLabel(
            capitalized(c.since())
                + " · "
                + c.projection()
                + " · "
                + c.resets()
                + (c.level() == CapStatus.Level.OVER ? " · cap reached" : ""));
    detail.setName("cap.detail");
    g.gridx = 0;
    g.gridy = 1;
    g.gridwidth = 2;
    g.weightx = 1;
    g.fill = GridBagConstraints.NONE;
    g.insets = new Insets(0, 0, 6, 0);
    row.add(detail, g);
    return row;
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
