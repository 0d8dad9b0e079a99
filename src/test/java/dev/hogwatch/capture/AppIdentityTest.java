package dev.hogwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hogwatch.model.AppId;
import dev.hogwatch.model.AppId.Kind;
import dev.hogwatch.model.AppResolver.Attribution;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every naming rule of {@link AppIdentity} on a fake {@code /proc} tree. */
class AppIdentityTest {
  private static final String HEX =
      "3f2a9c0d11e24b5f8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a";
  private static final String USER_APPS =
      "0::/user.slice/user-1000.slice/user@1000.service/app.slice/";

  @TempDir Path tmp;
  private FakeProc fs;
  private AppIdentity identity;

  @BeforeEach
  void setUp() {
    fs = new FakeProc(tmp);
    fs.file(
        "apps/org.mozilla.firefox.desktop",
        "[Desktop Entry]\nName=Firefox\nIcon=org.mozilla.firefox\nExec=/usr/bin/flatpak run"
            + " org.mozilla.firefox\n");
    fs.file(
        "apps/firefox.desktop",
        """
        [Desktop Entry]
        Type=Application
        Name=Firefox Web Browser
        Icon=firefox
        Exec=env MOZ_X=1 /usr/lib/firefox/firefox %u
        [Desktop Action new]
        Name=New
        """);
    fs.file(
        "apps/org.gnome.Terminal.desktop",
        "[Desktop Entry]\nName=Terminal\nIcon=org.gnome.Terminal\nExec=gnome-terminal\n");
    fs.file(
        "snapapps/spotify_spotify.desktop",
        "[Desktop Entry]\nName=Spotify\nIcon=/snap/spotify/current/icon.png\nExec=spotify %U\n");
    identity =
        new AppIdentity(tmp, List.of(tmp.resolve("apps"), tmp.resolve("snapapps")), tuple -> -1);
  }

  private AppId app(int pid) {
    return identity.resolve("nethogs name", pid, 1000).app();
  }

  @Test
  void flatpakScopeNamesTheAppIdWithItsDesktopEntry() {
    fs.process(
        10, 1, 5, USER_APPS + "app-flatpak-org.mozilla.firefox-12345.scope\n", "/app/firefox");
    assertEquals(
        new AppId(Kind.FLATPAK, "org.mozilla.firefox", "Firefox", "org.mozilla.firefox"), app(10));
  }

  @Test
  void snapScopeAndServiceNameTheSnap() {
    fs.process(
        11,
        1,
        5,
        USER_APPS + "snap.spotify.spotify-6a1b2c3d-1111-2222-3333-444455556666.scope\n",
        "/snap/spotify/1/spotify");
    fs.process(12, 1, 5, "0::/system.slice/snap.lxd.daemon.service\n", "/snap/lxd/1/lxd");
    assertEquals(
        new AppId(Kind.SNAP, "spotify", "Spotify", "/snap/spotify/current/icon.png"), app(11));
    assertEquals(new AppId(Kind.SNAP, "lxd", "lxd", ""), app(12));
  }

  @Test
  void desktopAppScopesAndServicesNameTheDesktopId() {
    fs.process(20, 1, 5, USER_APPS + "app-gnome-org.gnome.Terminal-4711.scope\n", "/usr/bin/x");
    fs.process(21, 1, 5, USER_APPS + "app-org.kde.dolphin@3b2e.service\n", "/usr/bin/x");
    fs.process(22, 1, 5, USER_APPS + "app-firefox-12.scope\n", "/usr/bin/x");
    fs.process(23, 1, 5, USER_APPS + "app-gnome-my\\x2dtool-99.scope\n", "/usr/bin/x");
    fs.process(24, 1, 5, USER_APPS + "app-kde-org.kde.konsole-5a3f.scope\n", "/usr/bin/x");
    assertEquals(
        new AppId(Kind.DESKTOP, "org.gnome.Terminal", "Terminal", "org.gnome.Terminal"), app(20));
    assertEquals(new AppId(Kind.DESKTOP, "org.kde.dolphin", "org.kde.dolphin", ""), app(21));
    assertEquals(new AppId(Kind.DESKTOP, "firefox", "Firefox Web Browser", "firefox"), app(22));
    assertEquals(new AppId(Kind.DESKTOP, "my-tool", "my-tool", ""), app(23));
    assertEquals(new AppId(Kind.DESKTOP, "org.kde.konsole", "org.kde.konsole", ""), app(24));
  }

  @Test
  void containersAreTwelveHexDigitsNamedFromTheRuntimeFiles() {
    fs.file("var/lib/docker/containers/" + HEX + "/config.v2.json", "{\"Name\":\"/web\"}");
    fs.process(30, 1, 5, "0::/system.slice/docker-" + HEX + ".scope\n", "/usr/sbin/nginx");
    fs.process(31, 1, 5, "0::/machine.slice/libpod-" + HEX.replace('3', '4') + ".scope\n", null);
    fs.process(
        32,
        1,
        5,
        "0::/kubepods.slice/kubepods-pod1.slice/cri-containerd-"
            + HEX.replace('3', '5')
            + ".scope\n",
        null);
    // cgroup v1 with the cgroupfs driver: no v2 line, "/docker/<hex>" everywhere
    fs.process(33, 1, 5, "12:pids:/docker/" + HEX + "\n1:name=systemd:/docker/" + HEX + "\n", null);
    assertEquals(new AppId(Kind.CONTAINER, "3f2a9c0d11e2", "web", ""), app(30));
    assertEquals(new AppId(Kind.CONTAINER, "4f2a9c0d11e2", "4f2a9c0d11e2", ""), app(31));
    assertEquals(new AppId(Kind.CONTAINER, "5f2a9c0d11e2", "5f2a9c0d11e2", ""), app(32));
    assertEquals(new AppId(Kind.CONTAINER, "3f2a9c0d11e2", "web", ""), app(33));
  }

  @Test
  void podmanContainerNamesComeFromContainersJson() {
    fs.file(
        "var/lib/containers/storage/overlay-containers/containers.json",
        "[{\"id\":\"" + HEX + "\",\"names\":[\"db\"]}]");
    fs.process(34, 1, 5, "0::/machine.slice/libpod-" + HEX + ".scope/container\n", null);
    assertEquals(new AppId(Kind.CONTAINER, "3f2a9c0d11e2", "db", ""), app(34));
  }

  @Test
  void systemServicesAreNamedWithoutTheSuffix() {
    fs.process(40, 1, 5, "0::/system.slice/ssh.service\n", "/usr/sbin/sshd");
    fs.process(
        41, 1, 5, "0::/system.slice/system-getty.slice/getty@tty1.service\n", "/sbin/agetty");
    // a user's own service manager is not a system service
    fs.process(
        42,
        1,
        5,
        "0::/user.slice/user-1000.slice/user@1000.service/init.scope\n",
        "/usr/lib/systemd/systemd");
    assertEquals(new AppId(Kind.SERVICE, "ssh", "ssh", ""), app(40));
    assertEquals(new AppId(Kind.SERVICE, "getty@tty1", "getty@tty1", ""), app(41));
    assertEquals(AppId.exe("systemd"), app(42));
  }

  @Test
  void cgroupV1NameSystemdLineIsUsedWhenThereIsNoV2Line() {
    fs.process(
        50,
        1,
        5,
        "12:pids:/system.slice/nginx.service\n1:name=systemd:/system.slice/nginx.service\n",
        "/usr/sbin/nginx");
    // hybrid: the v2 line is the root, the v1 line says where the process is
    fs.process(51, 1, 5, "1:name=systemd:/system.slice/cron.service\n0::/\n", "/usr/sbin/cron");
    assertEquals(new AppId(Kind.SERVICE, "nginx", "nginx", ""), app(50));
    assertEquals(new AppId(Kind.SERVICE, "cron", "cron", ""), app(51));
  }

  @Test
  void otherwiseTheExecutableNamesItWithItsDesktopEntry() {
    fs.process(
        60,
        1,
        5,
        "0::/user.slice/user-1000.slice/session-2.scope\n",
        "/usr/bin/curl",
        "curl",
        "-O",
        "http://x");
    fs.process(
        61,
        1,
        5,
        "0::/user.slice/user-1000.slice/session-2.scope\n",
        "/usr/bin/gnome-terminal",
        "gnome-terminal");
    assertEquals(AppId.exe("curl"), app(60));
    assertEquals(new AppId(Kind.EXE, "gnome-terminal", "Terminal", "org.gnome.Terminal"), app(61));
  }

  @Test
  void interpretersAreNamedByTheirScript() {
    String session = "0::/user.slice/user-1000.slice/session-2.scope\n";
    fs.process(70, 1, 5, session, "/usr/bin/python3.11", "python3", "-u", "/home/a/sync.py", "-v");
    fs.process(71, 1, 5, session, "/usr/bin/python3.11", "/usr/bin/python3", "-m", "http.server");
    fs.process(72, 1, 5, session, "/usr/bin/python3.11", "python3", "-c", "print(1)");
    fs.process(
        73, 1, 5, session, "/usr/lib/jvm/bin/java", "java", "-Xmx1g", "-jar", "/opt/app.jar");
    fs.process(74, 1, 5, session, "/usr/bin/perl", "perl", "-W", "backup.pl");
    assertEquals(AppId.exe("sync.py (python3)"), app(70));
    assertEquals(AppId.exe("http.server (python3)"), app(71));
    assertEquals(AppId.exe("python3.11"), app(72));
    assertEquals(AppId.exe("app.jar (java)"), app(73));
    assertEquals(AppId.exe("backup.pl (perl)"), app(74));
  }

  @Test
  void helpersInTheParentsPrivateDirectoryBelongToTheParent() {
    String session = "0::/user.slice/user-1000.slice/session-2.scope\n";
    fs.process(80, 1, 5, session, "/usr/lib/firefox/firefox", "firefox");
    fs.process(81, 80, 6, session, "/usr/lib/firefox/firefox", "Isolated Web Co");
    fs.process(82, 81, 7, session, "/usr/lib/firefox/crashhelper", "crashhelper");
    // a shared bin directory says nothing: ssh started by git is ssh
    fs.process(83, 1, 5, session, "/usr/bin/git", "git");
    fs.process(84, 83, 6, session, "/usr/bin/ssh", "ssh");
    AppId firefox = new AppId(Kind.EXE, "firefox", "Firefox Web Browser", "firefox");
    assertEquals(firefox, app(80));
    assertEquals(firefox, app(81));
    assertEquals(firefox, app(82));
    assertEquals(AppId.exe("ssh"), app(84));
  }

  @Test
  void unreadableExecutableFallsBackToArgvThenToNethogsName() {
    fs.process(
        90,
        1,
        5,
        "0::/user.slice/user-1001.slice/session-3.scope\n",
        null,
        "/opt/tool/agent --daemon");
    fs.process(91, 1, 5, "0::/user.slice/user-1001.slice/session-3.scope\n", null);
    assertEquals(AppId.exe("agent"), app(90));
    assertEquals(AppId.exe("prog"), identity.resolve("/usr/local/bin/prog", 91, 1001).app());
    // no /proc entry at all (exited): nethogs's name
    assertEquals(AppId.exe("gone"), identity.resolve("/usr/bin/gone", 99, 1001).app());
  }

  @Test
  void unknownTcpIsUnattributedAndTuplesAskTheFinder() {
    fs.process(300, 1, 5, "0::/system.slice/docker-" + HEX + ".scope\n", null).uid(300, 231072);
    AppIdentity withFinder =
        new AppIdentity(
            tmp, List.of(), tuple -> tuple.equals("10.0.3.1:40112-10.0.3.5:443") ? 300 : -1);
    assertEquals(
        new Attribution(AppId.UNATTRIBUTED, 0, 0), withFinder.resolve("unknown TCP", 0, 0));
    assertEquals(
        new Attribution(AppId.UNATTRIBUTED, 0, 0),
        withFinder.resolve("10.0.3.1:40113-10.0.3.5:443", 0, 0));
    assertEquals(
        new Attribution(new AppId(Kind.CONTAINER, "3f2a9c0d11e2", "3f2a9c0d11e2", ""), 231072, 300),
        withFinder.resolve("10.0.3.1:40112-10.0.3.5:443", 0, 0));
  }

  @Test
  void resolvedOncePerPidAndAgainWhenThePidIsReused() {
    fs.process(100, 1, 5, "0::/system.slice/ssh.service\n", "/usr/sbin/sshd");
    assertEquals(new AppId(Kind.SERVICE, "ssh", "ssh", ""), app(100));
    fs.write("100/cgroup", "0::/system.slice/cron.service\n"); // same process: cached
    assertEquals(new AppId(Kind.SERVICE, "ssh", "ssh", ""), app(100));
    fs.process(100, 1, 6, "0::/system.slice/cron.service\n", "/usr/sbin/cron"); // new start time
    assertEquals(new AppId(Kind.SERVICE, "cron", "cron", ""), app(100));
  }

  @Test
  void anExecKeepsTheStartTimeButIsResolvedAgainUnderItsNewName() {
    String session = "0::/user.slice/user-1000.slice/session-2.scope\n";
    fs.process(110, 1, 5, session, "/usr/bin/ip", "ip", "netns", "exec", "a", "python3");
    assertEquals(AppId.exe("ip"), identity.resolve("ip", 110, 1000).app());
    fs.process(110, 1, 5, session, "/usr/bin/python3.11", "/usr/bin/python3", "burst.py");
    assertEquals(
        AppId.exe("burst.py (python3)"), identity.resolve("/usr/bin/python3", 110, 1000).app());
  }

  @Test
  void desktopIdParsing() {
    assertEquals("org.gnome.Terminal", AppIdentity.desktopId("gnome-org.gnome.Terminal-4711"));
    assertEquals("firefox", AppIdentity.desktopId("firefox"));
    assertEquals("firefox", AppIdentity.desktopId("firefox-12"));
    assertEquals("firefox", AppIdentity.desktopId("glib-firefox-12"));
    assertEquals("org.kde.dolphin", AppIdentity.desktopId("org.kde.dolphin@12"));
    assertEquals("org.kde.dolphin", AppIdentity.desktopId("kde-org.kde.dolphin@12"));
    assertNull(AppIdentity.fromCgroup("0::/\n"));
    assertNull(AppIdentity.fromCgroup("garbage"));
    assertNull(AppIdentity.classify("/user.slice/user-1000.slice/session-2.scope"));
  }

  @Test
  void applicationDirsFollowXdg() {
    assertEquals(
        List.of(
            Path.of("/d/applications"),
            Path.of("/d/flatpak/exports/share/applications"),
            Path.of("/x/applications"),
            Path.of("/var/lib/flatpak/exports/share/applications"),
            Path.of("/var/lib/snapd/desktop/applications")),
        AppIdentity.applicationDirs(Map.of("XDG_DATA_HOME", "/d", "XDG_DATA_DIRS", "/x:rel")));
    assertEquals(
        Path.of("/home/a/.local/share/applications"),
        AppIdentity.applicationDirs(Map.of("HOME", "/home/a")).get(0));
  }
}
