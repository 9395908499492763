# SPDX-License-Identifier: GPL-3.0-or-later
# Every button of every sidebar area has a name a screen reader can say
# (issue 12: the main menu read as "GtkImage", the drop-downs' buttons as
# "GtkToggleButton"; a button with a mnemonic as "取消(_C) 取消(C)").  Visits each area as a person would (a click on the
# sidebar) and lists the buttons on screen that have no name or only a
# class name.  Usage: a11y-names.py MAIN_MENU_NAME (run by
# test-a11y-names.sh; Debian's python3 with python3-dogtail).
import re
import sys
import time

from dogtail import config, rawinput, tree

config.defaultDelay = 0.2
config.childrenLimit = 2000
ROLES = ('push button', 'toggle button', 'menu button', 'check box', 'radio button', 'combo box')
UNNAMED = re.compile(r'^((Gtk|Adw|Xj)[A-Za-z]*)?$')
# A mnemonic said aloud: "取消(_C) 取消(C)", the label as set before the label shown.
MNEMONIC = re.compile(r'_[^_ ]')


def unnamed(node, where, found):
    try:
        children = node.children
    except Exception:
        return
    for child in children:
        # Not on screen (a page not shown yet): no size.
        if child.roleName in ROLES and child.size != (0, 0):
            if UNNAMED.match(child.name or ''):
                found.add('no name: %s %r in %s' % (child.roleName, child.name, where))
            elif MNEMONIC.search(child.name):
                found.add('says its mnemonic: %s %r in %s' % (child.roleName, child.name, where))
        unnamed(child, where, found)


app = tree.root.application('xunjian')
menu = [n for n in app.findChildren(lambda n: n.roleName == 'push button'
                                    and n.name == sys.argv[1])]
print('# main menu found by its name %s: %d' % (sys.argv[1], len(menu)))
found = set()
areas = []
for item in app.findChildren(lambda n: n.roleName == 'list item' and n.parent.name == 'GtkListBox'):
    labels = [c.name for c in item.findChildren(lambda n: n.roleName == 'label')]
    area = labels[0] if labels else '?'
    areas.append(area)
    x, y = item.position
    width, height = item.size
    rawinput.click(x + width // 2, y + height // 2)
    time.sleep(2)
    unnamed(app, area, found)
print('# areas visited: %s' % ' '.join(areas))
# Preferences: buttons with a mnemonic (选择(_H)…), as a person opens it.
rawinput.keyCombo('<Control>comma')
time.sleep(2)
preferences = [n for n in app.findChildren(lambda n: n.roleName == 'push button'
                                           and n.name.startswith('选择') and n.size != (0, 0))]
print('# preferences buttons named without their mnemonic: %s' % [n.name for n in preferences])
unnamed(app, 'preferences', found)
for button in sorted(found):
    print('# %s' % button)
sys.exit(0 if menu and len(areas) >= 8 and preferences and not found else 1)
