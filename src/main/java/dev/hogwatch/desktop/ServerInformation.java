package dev.hogwatch.desktop;

import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/** The answer of {@code GetServerInformation}: (name, vendor, version, spec_version). */
public final class ServerInformation extends Tuple {
  @Position(0)
  public final String name;

  @Position(1)
  public final String vendor;

  @Position(2)
  public final String version;

  @Position(3)
  public final String specVersion;

  public ServerInformation(String name, String vendor, String version, String specVersion) {
    this.name = name;
    this.vendor = vendor;
    this.version = version;
    this.specVersion = specVersion;
  }

  public String getName() {
    return name;
  }

  public String getVendor() {
    return vendor;
  }

  public String getVersion() {
    return version;
  }

  public String getSpecVersion() {
    return specVersion;
  }
}
