# SPDX-License-Identifier: GPL-3.0-or-later
# The sign dialog of the inspection open in the runner, driven over AT-SPI
# as a person would (run by test-sign-kill.sh; Debian's python3 with
# python3-dogtail).  Usage: sign-pad.py draw | check
#   draw:  opens the dialog and draws a stroke on the inspector's pad
#   check: opens the dialog and exits 0 if the inspector's pad shows a
#          signature (its Clear Signature button is enabled), 1 if not
import sys
import time

from dogtail import config, rawinput, tree

config.defaultDelay = 0.3
config.childrenLimit = 2000
app = tree.root.application('xunjian')


def wait_for(find, what):
    for _ in range(60):
        found = find()
        if found:
            return found[0]
        time.sleep(0.5)
    sys.exit('no %s' % what)


sign = wait_for(lambda: app.findChildren(lambda n: n.roleName == 'push button'
                                         and '签署(S)' in (n.name or '')), 'Sign button')
sign.doActionNamed('click')
dialog = wait_for(lambda: [w for w in app.children if w.name == '签署检查'], 'sign dialog')
pad = wait_for(lambda: dialog.findChildren(lambda n: n.name == '巡检员签名'), 'inspector pad')
clear = wait_for(lambda: dialog.findChildren(lambda n: n.roleName == 'push button'
                                             and n.name == '清除签名'), 'Clear Signature')
if sys.argv[1] == 'check':
    print('# Clear Signature enabled: %s' % clear.sensitive)
    sys.exit(0 if clear.sensitive else 1)

x, y = pad.position
width, height = pad.size
rawinput.press(x + 20, y + height // 2)
for step in range(1, 20):
    rawinput.absoluteMotion(x + 20 + step * (width - 40) // 20, y + height // 2 + (step % 4) * 8)
    time.sleep(0.05)
rawinput.release(x + width - 20, y + height // 2)
time.sleep(0.5)
print('# drawn; Clear Signature enabled: %s' % clear.sensitive)
sys.exit(0 if clear.sensitive else 1)
