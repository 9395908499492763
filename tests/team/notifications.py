#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# A desktop's notification server on the test's own session bus
# (org.freedesktop.Notifications), writing each notification it is given
# to a file, one line "SUMMARY | BODY", so that the test can read what the
# application announced.  TestInvoke(KEY), not part of the desktop's
# interface, clicks the last notification as the desktop does: it emits
# ActionInvoked (its id, KEY) when that notification offered the action KEY
# ("default": the notification itself), and answers the id (0: not
# offered).  Usage: notifications.py FILE
import sys

import gi
gi.require_version('Gio', '2.0')
from gi.repository import Gio, GLib

XML = '''<node><interface name="org.freedesktop.Notifications">
<method name="Notify"><arg type="s" direction="in"/><arg type="u" direction="in"/>
<arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="s" direction="in"/>
<arg type="as" direction="in"/><arg type="a{sv}" direction="in"/><arg type="i" direction="in"/>
<arg type="u" direction="out"/></method>
<method name="CloseNotification"><arg type="u" direction="in"/></method>
<method name="TestInvoke"><arg type="s" direction="in"/><arg type="u" direction="out"/></method>
<method name="GetCapabilities"><arg type="as" direction="out"/></method>
<method name="GetServerInformation"><arg type="s" direction="out"/><arg type="s" direction="out"/>
<arg type="s" direction="out"/><arg type="s" direction="out"/></method>
<signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
<signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
</interface></node>'''

log = open(sys.argv[1], 'a', encoding='utf-8', buffering=1)
counter = [0]
last_actions = [[]]


def on_call(connection, sender, path, interface, method, params, invocation):
    if method == 'Notify':
        counter[0] += 1
        # The actions come as pairs: key, label.
        last_actions[0] = list(params[5])[0::2]
        log.write('%s | %s\n' % (params[3], params[4].replace('\n', ' / ')))
        invocation.return_value(GLib.Variant('(u)', (counter[0],)))
    elif method == 'TestInvoke':
        key = params[0]
        offered = counter[0] > 0 and key in last_actions[0]
        if offered:
            connection.emit_signal(None, '/org/freedesktop/Notifications',
                                   'org.freedesktop.Notifications', 'ActionInvoked',
                                   GLib.Variant('(us)', (counter[0], key)))
        invocation.return_value(GLib.Variant('(u)', (counter[0] if offered else 0,)))
    elif method == 'GetCapabilities':
        invocation.return_value(GLib.Variant('(as)', (['body', 'actions'],)))
    elif method == 'GetServerInformation':
        invocation.return_value(GLib.Variant('(ssss)', ('test', 'xunjian', '1', '1.2')))
    else:
        invocation.return_value(None)


def on_bus(connection, name):
    info = Gio.DBusNodeInfo.new_for_xml(XML)
    connection.register_object('/org/freedesktop/Notifications', info.interfaces[0],
                               on_call, None, None)


Gio.bus_own_name(Gio.BusType.SESSION, 'org.freedesktop.Notifications',
                 Gio.BusNameOwnerFlags.NONE, on_bus, None, None)
GLib.MainLoop().run()
