package dev.hogwatch.ui.window;

import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Controls;
import dev.hogwatch.model.InterfaceStat;
import dev.hogwatch.model.Snapshot;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.swing.BorderFactory;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;

/**
 * The line above the graphs: capture state with its fix-it action, the interface chooser, units and
 * theme. EDT only, except the fix-it commands, which run on {@code background}.
 *
 * <p>Example: with nethogs lacking capabilities it reads "● nethogs has no capture permission —
 * interface totals only [Grant capture permission…]"; the button asks {@link
 * Controls#grantCapturePermission()} (polkit's password dialog, then {@code setcap}, the same path
 * as the tray's menu item) and capture restarts.
 */
final class HeaderBar extends JPanel {
  private static final Logger LOG = Logger.getLogger(HeaderBar.class.getName());
  static final String ALL_INTERFACES = "All interfaces";

  private final Controls controls;
  private final Executor background;
  private final JLabel dot = new JLabel("●");
  private final JLabel status = new JLabel(" ");
  private final JButton fix = new JButton();
  private final DefaultComboBoxModel<String> ifaceModel = new DefaultComboBoxModel<>();
  private final JComboBox<String> interfaces = new JComboBox<>(ifaceModel);
  private final JPanel right = new JPanel(new FlowLayout(FlowLayout.RIGHT, 6, 0));
  private final JTextArea alertNotice = new WrappingNote();
  private List<String> knownInterfaces = List.of();
  private boolean updatingInterfaces;
  private CaptureStatus shown;

  HeaderBar(Controls controls, Executor background) {
    super(new BorderLayout(8, 0));
    this.controls = controls;
    this.background = background;
    setBorder(BorderFactory.createEmptyBorder(6, 10, 4, 8));
    // one line that never wraps: the status text gives way (its full text is in the tooltip)
    JPanel left = new JPanel();
    left.setLayout(new javax.swing.BoxLayout(left, javax.swing.BoxLayout.X_AXIS));
    left.setOpaque(false);
    left.add(dot);
    left.add(javax.swing.Box.createHorizontalStrut(6));
    left.add(status);
    left.add(javax.swing.Box.createHorizontalStrut(8));
    left.add(fix);
    left.add(javax.swing.Box.createHorizontalGlue());
    status.setMinimumSize(new java.awt.Dimension(40, 10));
    fix.setVisible(false);
    fix.addActionListener(e -> runFix());
    add(left, BorderLayout.CENTER);
    right.setOpaque(false);
    interfaces.setToolTipText("Network interfaces to capture");
    interfaces.addActionListener(e -> interfaceChosen());
    right.add(interfaces);
    add(right, BorderLayout.EAST);
    alertNotice.setName("header.alerts");
    alertNotice.setVisible(false);
    add(alertNotice, BorderLayout.SOUTH);
    addComponentListener(
        new java.awt.event.ComponentAdapter() {
          @Override
          public void componentResized(java.awt.event.ComponentEvent e) {
            if (alertNotice.isVisible()) {
              alertNotice.revalidate(); // its height follows the width it wraps in
            }
          }
        });
    List<String> chosen = controls.devices();
    ifaceModel.addElement(ALL_INTERFACES);
    if (chosen.size() == 1) {
      ifaceModel.addElement(chosen.get(0));
      ifaceModel.setSelectedItem(chosen.get(0));
    }
  }

  /** Adds a control to the right-hand side (units, theme). */
  void addRight(java.awt.Component c) {
    right.add(c);
  }

  JComboBox<String> interfaceChooser() {
    return interfaces;
  }

  JLabel statusLabel() {
    return status;
  }

  JButton fixButton() {
    return fix;
  }

  JTextArea alertNotice() {
    return alertNotice;
  }

  /**
   * Shows a sentence about alerts under the status line (e.g. that no notification service runs,
   * and what to install), wrapped to the window's width; hides it when {@code text} is empty.
   */
  void showAlertNotice(String text) {
    String t = text == null ? "" : text;
    if (t.equals(alertNotice.getText())) {
      return;
    }
    alertNotice.setText(t);
    alertNotice.setVisible(!t.isEmpty());
    revalidate();
    repaint();
  }

  /** A read-only text that wraps at its parent's width and asks for the height that needs. */
  private static final class WrappingNote extends JTextArea {
    WrappingNote() {
      setEditable(false);
      setFocusable(false);
      setLineWrap(true);
      setWrapStyleWord(true);
      setOpaque(false);
      setBorder(BorderFactory.createEmptyBorder(4, 0, 0, 0));
    }

    /** Amber that reads on the light and on the dark theme, set again when the theme changes. */
    @Override
    public void updateUI() {
      super.updateUI();
      setForeground(ThemeSupport.isDark() ? new Color(0xF0B050) : new Color(0x9A5B00));
    }

    @Override
    public java.awt.Dimension getPreferredSize() {
      java.awt.Container p = getParent();
      if (p != null && p.getWidth() > 0) {
        java.awt.Insets in = p.getInsets();
        int w = p.getWidth() - in.left - in.right;
        if (w > 0 && w != getWidth()) {
          setSize(w, Short.MAX_VALUE);
        }
      }
      return super.getPreferredSize();
    }
  }

  void update(Snapshot s) {
    if (!s.capture().equals(shown)) {
      shown = s.capture();
      showStatus(s.capture());
    }
    List<String> names = new ArrayList<>();
    for (InterfaceStat i : s.interfaces()) {
      names.add(i.name());
    }
    for (String d : controls.devices()) {
      if (!names.contains(d)) {
        names.add(d);
      }
    }
    if (!names.equals(knownInterfaces)) {
      knownInterfaces = List.copyOf(names);
      Object sel = ifaceModel.getSelectedItem();
      updatingInterfaces = true;
      try {
        ifaceModel.removeAllElements();
        ifaceModel.addElement(ALL_INTERFACES);
        for (String n : names) {
          ifaceModel.addElement(n);
        }
        ifaceModel.setSelectedItem(sel != null && names.contains(sel) ? sel : ALL_INTERFACES);
      } finally {
        updatingInterfaces = false;
      }
    }
  }

  private void showStatus(CaptureStatus c) {
    String action =
        switch (c.state()) {
          case NOT_INSTALLED -> "How to install…";
          case NO_PERMISSION -> "Grant capture permission…";
          default -> "";
        };
    String text =
        switch (c.state()) {
          case RUNNING -> "Capturing live";
          case DEMO -> "Demo: replaying a recorded nethogs trace";
          case STARTING -> "Starting capture…";
          case NOT_INSTALLED -> "nethogs is not installed";
          case NO_PERMISSION -> "No capture permission";
          case NO_DEVICE -> "No network device to capture";
          case RESTARTING -> "nethogs stopped; restarting…";
          case STOPPED -> "Capture stopped";
        };
    Color color =
        switch (c.state()) {
          case RUNNING -> new Color(0x3C9A4A);
          case DEMO -> new Color(0x3D7BD9);
          case STARTING, STOPPED -> new Color(0x9A9A9A);
          default -> new Color(0xD9822B);
        };
    String detail =
        switch (c.state()) {
          case NOT_INSTALLED, NO_PERMISSION -> " Only interface totals are shown, not processes.";
          default -> "";
        };
    status.setToolTipText(
        (c.message().isBlank() ? text : c.message()) + (detail.isEmpty() ? "" : "." + detail));
    dot.setForeground(color);
    status.setText(text);
    fix.setText(action);
    fix.setVisible(!action.isEmpty());
  }

  private void interfaceChosen() {
    if (updatingInterfaces) {
      return;
    }
    Object sel = ifaceModel.getSelectedItem();
    List<String> devices =
        sel == null || ALL_INTERFACES.equals(sel) ? List.of() : List.of(sel.toString());
    if (!devices.equals(controls.devices())) {
      background.execute(() -> controls.setDevices(devices));
    }
  }

  private void runFix() {
    if (shown == null) {
      return;
    }
    if (shown.state() == CaptureStatus.State.NOT_INSTALLED) {
      String cmd = shown.fix().isBlank() ? controls.installNethogsCommand() : shown.fix();
      showCommand(
          "nethogs is not installed",
          "Hogwatch needs nethogs to tell processes apart. Install it with:",
          cmd);
    } else if (shown.state() == CaptureStatus.State.NO_PERMISSION
        && !shown.fix().isBlank()
        && !shown.fix().startsWith("sudo setcap ")) {
      // capture found this nethogs untrustworthy (e.g. a user's copy): say why, grant nothing
      showCommand(
          "nethogs cannot be given capabilities",
          "Hogwatch will not grant capabilities to this nethogs:",
          shown.fix());
    } else if (shown.state() == CaptureStatus.State.NO_PERMISSION) {
      fix.setEnabled(false);
      // its own thread: pkexec waits for the user's password, the chart must not
      Thread t = new Thread(this::grant, "hogwatch-window-grant");
      t.setDaemon(true);
      t.setUncaughtExceptionHandler((th, e) -> LOG.log(Level.WARNING, "grant failed", e));
      t.start();
    }
  }

  /**
   * Grants capture permission off the EDT ({@link Controls#grantCapturePermission}, the tray's path
   * too); on success capture restarts, else the dialog says why and how to do it by hand.
   */
  private void grant() {
    Controls.Grant r = controls.grantCapturePermission();
    SwingUtilities.invokeLater(
        () -> {
          fix.setEnabled(true);
          if (!r.ok()) {
            showCommand(
                "Could not grant capture permission",
                "Press OK to restart capture once it is done.",
                r.message());
            background.execute(controls::restartCapture);
          }
        });
  }

  private void showCommand(String title, String text, String command) {
    JTextArea area = new JTextArea(command);
    area.setEditable(false);
    area.setLineWrap(true);
    area.setWrapStyleWord(true); // whole words: a path or command is not cut mid-word
    area.setColumns(48);
    // room for every wrapped line: the dialog is packed to these rows, so too few cut the text
    // and push the OK button out of the window
    area.setRows(Math.max(2, command.length() / 40 + 2));
    area.setBorder(BorderFactory.createEmptyBorder(4, 4, 4, 4));
    JOptionPane.showMessageDialog(
        SwingUtilities.getWindowAncestor(this),
        new Object[] {text, area},
        title,
        JOptionPane.INFORMATION_MESSAGE);
  }
}
