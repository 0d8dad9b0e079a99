package dev.hogwatch.desktop;

import dev.hogwatch.model.Notice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * Desktop notifications through the session's notification service ({@code
 * org.freedesktop.Notifications} on the session D-Bus), with an "Open graphs" action. When there is
 * no session bus or no service, {@link #problem()} says so and {@link #show} returns false, so the
 * tray and the window can tell the alert instead.
 *
 * <p>Example:
 *
 * <pre>{@code
 * Notifier n = Notifier.connect(notice -> window.showAlert(notice.app(), notice.from()));
 * if (!n.show(notice)) { tray.say(n.problem()); }
 * }</pre>
 */
public final class Notifier implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Notifier.class.getName());

  /** The action key of "Open graphs" (also the default action: clicking the notification). */
  static final String OPEN = "default";

  private final DBusConnection bus;
  private final FreedesktopNotifications service;
  private final Consumer<Notice> onOpen;
  private final Map<Long, Notice> shown =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Notice> e) {
              return size() > 100;
            }
          });
  private volatile String problem;
  private AutoCloseable handler;

  /** What to install or run when no notification service answers on the session bus. */
  public static final String INSTALL_SERVICE =
      "install and start a notification service (e.g. sudo apt install dunst) or use a desktop"
          + " that has one";

  /** What to do when there is no session bus at all. */
  public static final String START_BUS =
      "run Hogwatch inside a desktop session (or under dbus-run-session) with a notification"
          + " service such as dunst";

  private Notifier(
      DBusConnection bus, FreedesktopNotifications service, Consumer<Notice> onOpen, String why) {
    this.bus = bus;
    this.service = service;
    this.onOpen = onOpen;
    this.problem = why;
  }

  /**
   * Connects to the session bus named by {@code DBUS_SESSION_BUS_ADDRESS}; never throws. {@code
   * onOpen} is called (on a D-Bus thread) when the user chooses "Open graphs" of a notification.
   */
  public static Notifier connect(Consumer<Notice> onOpen) {
    String address = System.getenv("DBUS_SESSION_BUS_ADDRESS");
    if (address == null || address.isBlank()) {
      return new Notifier(null, null, onOpen, "no session D-Bus (DBUS_SESSION_BUS_ADDRESS unset)");
    }
    DBusConnection bus;
    try {
      bus = DBusConnectionBuilder.forSessionBus().withShared(false).build();
    } catch (DBusException | RuntimeException e) {
      LOG.log(Level.FINE, "session bus", e);
      return new Notifier(null, null, onOpen, "the session D-Bus cannot be reached");
    }
    try {
      FreedesktopNotifications service =
          bus.getRemoteObject(
              FreedesktopNotifications.BUS_NAME,
              FreedesktopNotifications.OBJECT_PATH,
              FreedesktopNotifications.class);
      Notifier n = new Notifier(bus, service, onOpen, serviceProblem(bus));
      n.handler = bus.addSigHandler(FreedesktopNotifications.ActionInvoked.class, n::actionInvoked);
      return n;
    } catch (DBusException | RuntimeException e) {
      LOG.log(Level.FINE, "notification service", e);
      bus.disconnect();
      return new Notifier(null, null, onOpen, "the notification service cannot be used");
    }
  }

  /** Empty when a service is there; else why not (no bus, no service). */
  private static String serviceProblem(DBusConnection bus) {
    try {
      DBus dbus = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
      if (dbus.NameHasOwner(FreedesktopNotifications.BUS_NAME)) {
        return "";
      }
      List<String> activatable = new ArrayList<>(List.of(dbus.ListActivatableNames()));
      return activatable.contains(FreedesktopNotifications.BUS_NAME)
          ? ""
          : "no notification service is running";
    } catch (DBusException | DBusExecutionException e) {
      LOG.log(Level.FINE, "asking the bus", e);
      return "no notification service is running";
    }
  }

  /**
   * Asks the bus again whether a notification service is there (one short D-Bus call), so a service
   * started or stopped after Hogwatch is noticed; returns {@link #problem()}.
   */
  public String recheck() {
    if (bus == null) {
      return problem;
    }
    problem = serviceProblem(bus);
    return problem;
  }

  /**
   * Empty when notifications can be shown, else what the user can do about it: {@link
   * #INSTALL_SERVICE} or {@link #START_BUS}.
   */
  public String fix() {
    if (problem.isEmpty()) {
      return "";
    }
    return bus == null ? START_BUS : INSTALL_SERVICE;
  }

  /** Whether notifications can be shown (as far as known: the last attempt worked). */
  public boolean available() {
    return problem.isEmpty();
  }

  /**
   * Empty, or why notifications cannot be shown, e.g. {@code "no notification service is running"}.
   */
  public String problem() {
    return problem;
  }

  /**
   * Shows {@code n} as a desktop notification with an "Open graphs" action; false (and {@link
   * #problem()} set) when it could not be shown.
   */
  public boolean show(Notice n) {
    if (service == null) {
      return false;
    }
    Map<String, Variant<?>> hints = new LinkedHashMap<>();
    hints.put("desktop-entry", new Variant<>("hogwatch"));
    hints.put("category", new Variant<>("network"));
    hints.put("urgency", new Variant<>((byte) (n.title().startsWith("Data cap reached") ? 2 : 1)));
    try {
      UInt32 id =
          service.show(
              "Hogwatch",
              new UInt32(0),
              "hogwatch",
              n.title(),
              n.body(),
              List.of(OPEN, "Open graphs"),
              hints,
              -1);
      shown.put(id.longValue(), n);
      problem = "";
      return true;
    } catch (RuntimeException e) { // DBusExecutionException: no service, or it failed
      LOG.log(Level.FINE, "Notify failed", e);
      problem = "no notification service is running";
      return false;
    }
  }

  private void actionInvoked(FreedesktopNotifications.ActionInvoked s) {
    Notice n = shown.get(s.id());
    if (n != null && OPEN.equals(s.actionKey())) {
      try {
        onOpen.accept(n);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "opening the graphs for a notification failed", e);
      }
    }
  }

  @Override
  public void close() {
    if (handler != null) {
      try {
        handler.close();
      } catch (Exception e) { // AutoCloseable.close throws Exception
        LOG.log(Level.FINE, "removing the signal handler", e);
      }
    }
    if (bus != null) {
      try {
        bus.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "closing the session bus", e);
      }
    }
  }
}
