package dev.hogwatch.desktop;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The parts of the Desktop Notifications Specification (version 1.2) Hogwatch uses: {@code Notify},
 * {@code GetServerInformation} and the {@code ActionInvoked} signal, on the object {@code
 * /org/freedesktop/Notifications} of the bus name {@code org.freedesktop.Notifications}.
 */
@DBusInterfaceName("org.freedesktop.Notifications")
public interface FreedesktopNotifications extends DBusInterface {
  /** Bus name and object path of the notification service. */
  String BUS_NAME = "org.freedesktop.Notifications";

  String OBJECT_PATH = "/org/freedesktop/Notifications";

  /**
   * Shows a notification; returns its id.
   *
   * @param actions pairs of action key and label, e.g. {@code ["default", "Open graphs"]}
   * @param expireTimeout milliseconds, -1 for the server's default
   */
  @DBusMemberName("Notify")
  UInt32 show(
      String appName,
      UInt32 replacesId,
      String appIcon,
      String summary,
      String body,
      List<String> actions,
      Map<String, Variant<?>> hints,
      int expireTimeout);

  /** Name, vendor, version and spec version of the server. */
  @DBusMemberName("GetServerInformation")
  ServerInformation serverInformation();

  /** The user chose an action of notification {@code id}. */
  final class ActionInvoked extends DBusSignal {
    private final UInt32 id;
    private final String actionKey;

    public ActionInvoked(String path, UInt32 id, String actionKey) throws DBusException {
      super(path, id, actionKey);
      this.id = id;
      this.actionKey = actionKey;
    }

    public long id() {
      return id.longValue();
    }

    public String actionKey() {
      return actionKey;
    }
  }
}
