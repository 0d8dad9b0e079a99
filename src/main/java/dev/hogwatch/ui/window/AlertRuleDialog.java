package dev.hogwatch.ui.window;

import dev.hogwatch.alerts.AlertService;
import dev.hogwatch.alerts.Limits;
import dev.hogwatch.alerts.Rule;
import dev.hogwatch.alerts.RulesFile;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.Window;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;
import javax.swing.SwingUtilities;

/**
 * The Alerts dialog: sets up one rule (data cap, application over an amount, rate for a while, new
 * application) with the same words and checks as {@code hogwatch alerts add}. A wrong entry is said
 * under the fields; nothing is saved until it is right.
 */
final class AlertRuleDialog extends JDialog {
  static final String CAP = "Data cap";
  static final String APP = "Application over an amount";
  static final String RATE = "Rate for a while";
  static final String NEW = "New application";

  private final transient AlertService service;
  final JComboBox<String> kind = new JComboBox<>(new String[] {CAP, APP, RATE, NEW});
  private final CardLayout cards = new CardLayout();
  private final JPanel fields = new JPanel(cards);
  final JTextField capLimit = field("300GB", "cap.limit");
  final JComboBox<String> capPer = new JComboBox<>(new String[] {"month", "week", "day"});
  final JSpinner resetDay = new JSpinner(new SpinnerNumberModel(1, 1, 31, 1));
  final JTextField devices = field("", "cap.devices");
  final JTextField appName = field("", "app.name");
  final JTextField appLimit = field("1GB", "app.limit");
  final JTextField appWithin = field("1h", "app.within");
  final JTextField rate = field("5MB/s", "rate.rate");
  final JTextField rateFor = field("30s", "rate.for");
  final JTextField rateApp = field("", "rate.app");
  final JLabel error = new JLabel(" ");
  final JButton ok = new JButton("Add");

  private AlertRuleDialog(Window owner, AlertService service) {
    super(owner, "Add alert rule", ModalityType.APPLICATION_MODAL);
    this.service = service;
    setName("alerts.dialog");
    kind.setName("kind");
    capPer.setName("cap.per");
    resetDay.setName("cap.resetDay");
    error.setName("error");
    error.setForeground(new Color(0xC0392B));
    fields.add(
        form(
            "Limit",
            capLimit,
            "Per",
            capPer,
            "Starts on day",
            resetDay,
            "Only devices",
            devices,
            "",
            hint("e.g. 300GB or 1.5GiB; devices e.g. wlan0,eth0 (empty: all traffic)")),
        CAP);
    fields.add(
        form(
            "Application",
            appName,
            "More than",
            appLimit,
            "Within",
            appWithin,
            "",
            hint("program name as the table shows it; e.g. 500MB within 1h")),
        APP);
    fields.add(
        form(
            "Above",
            rate,
            "For",
            rateFor,
            "Application",
            rateApp,
            "",
            hint("e.g. 5MB/s or 40Mbit/s for 30s; application empty: any")),
        RATE);
    fields.add(
        form("", hint("Tells when a program uses the network for the first time ever.")), NEW);
    kind.addActionListener(
        e -> {
          cards.show(fields, (String) kind.getSelectedItem());
          error.setText(" ");
          pack();
        });
    JPanel top = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
    top.add(new JLabel("Alert me about  "));
    top.add(kind);
    JButton cancel = new JButton("Cancel");
    cancel.addActionListener(e -> dispose());
    ok.setName("ok");
    ok.addActionListener(e -> save());
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 6, 0));
    buttons.add(cancel);
    buttons.add(ok);
    JPanel south = new JPanel(new BorderLayout(0, 8));
    south.add(error, BorderLayout.NORTH);
    south.add(buttons, BorderLayout.SOUTH);
    JPanel content = new JPanel(new BorderLayout(0, 10));
    content.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
    content.add(top, BorderLayout.NORTH);
    content.add(fields, BorderLayout.CENTER);
    content.add(south, BorderLayout.SOUTH);
    setContentPane(content);
    getRootPane().setDefaultButton(ok);
    pack();
    setLocationRelativeTo(owner);
  }

  /** Opens the dialog over {@code parent}'s window (EDT). */
  static AlertRuleDialog open(Component parent, AlertService service) {
    AlertRuleDialog d = new AlertRuleDialog(SwingUtilities.getWindowAncestor(parent), service);
    SwingUtilities.invokeLater(() -> d.setVisible(true));
    return d;
  }

  private static JTextField field(String text, String name) {
    JTextField f = new JTextField(text, 16);
    f.setName(name);
    return f;
  }

  private static JLabel hint(String text) {
    JLabel l = new JLabel(text);
    l.setEnabled(false);
    return l;
  }

  private static JPanel form(Object... labelsAndFields) {
    JPanel p = new JPanel(new GridBagLayout());
    GridBagConstraints c = new GridBagConstraints();
    c.insets = new Insets(3, 0, 3, 8);
    c.anchor = GridBagConstraints.WEST;
    for (int i = 0; i < labelsAndFields.length; i += 2) {
      c.gridy = i / 2;
      c.gridx = 0;
      c.fill = GridBagConstraints.NONE;
      c.weightx = 0;
      p.add(new JLabel((String) labelsAndFields[i]), c);
      c.gridx = 1;
      c.fill = GridBagConstraints.HORIZONTAL;
      c.weightx = 1;
      p.add((JComponent) labelsAndFields[i + 1], c);
    }
    return p;
  }

  /** The rule the fields describe; throws with a message for people when one is wrong. */
  Rule rule() {
    Instant now = Instant.now();
    String k = (String) kind.getSelectedItem();
    if (CAP.equals(k)) {
      Rule.Per per =
          Rule.Per.valueOf(((String) capPer.getSelectedItem()).toUpperCase(java.util.Locale.ROOT));
      int day = (Integer) resetDay.getValue();
      RulesFile.checkResetDay(per, day);
      List<String> devs =
          Arrays.stream(devices.getText().split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .distinct()
              .toList();
      return new Rule.Cap(
          0, now, labelled("Limit", () -> Limits.bytes(capLimit.getText())), per, day, devs);
    } else if (APP.equals(k)) {
      String name = appName.getText().trim();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("Application: give a program name, e.g. firefox");
      }
      return new Rule.App(
          0,
          now,
          name,
          labelled("More than", () -> Limits.bytes(appLimit.getText())),
          labelled("Within", () -> Limits.period(appWithin.getText())));
    } else if (RATE.equals(k)) {
      String app = rateApp.getText().trim();
      return new Rule.Rate(
          0,
          now,
          labelled("Above", () -> Limits.rate(rate.getText())),
          labelled("For", () -> Limits.period(rateFor.getText())),
          app.isEmpty() ? null : app);
    }
    return new Rule.NewApp(0, now);
  }

  private static <T> T labelled(String label, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
    }
  }

  /** Saves the rule and closes, or says what is wrong. */
  void save() {
    Rule r;
    try {
      r = rule();
    } catch (IllegalArgumentException e) {
      error.setText(e.getMessage());
      pack();
      return;
    }
    try {
      service.rulesFile().add(r);
    } catch (IOException e) {
      error.setText("Could not save " + service.rulesFile().file() + ": " + e.getMessage());
      pack();
      return;
    }
    var unused = service.checkNow();
    dispose();
  }
}
