# Prints the menus that applications of this session's accessibility bus show right now, as a
# screen reader reads them (AT-SPI): one line per item, "depth<TAB>role<TAB>checked<TAB>name".
# Used by XSession.nativeMenu(): what the panel really shows, not what the program meant to show.
import sys

import pyatspi

MENU_ROLES = {"menu", "menu item", "check menu item", "radio menu item", "separator"}


def walk(acc, depth, out):
    try:
        role = acc.getRoleName()
        name = acc.name or ""
        checked = acc.getState().contains(pyatspi.STATE_CHECKED)
        showing = acc.getState().contains(pyatspi.STATE_SHOWING)
    except Exception:  # an item that went away while we read
        return
    if role in MENU_ROLES:
        out.append("%d\t%s\t%d\t%d\t%s" % (depth, role, 1 if checked else 0, 1 if showing else 0,
                                           name.replace("\n", " ")))
    for i in range(acc.childCount):
        child = acc.getChildAtIndex(i)
        if child is not None:
            walk(child, depth + 1, out)


def main():
    out = []
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is not None:
            walk(app, 0, out)
    sys.stdout.write("\n".join(out) + ("\n" if out else ""))


main()
