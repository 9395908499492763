/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one shape of a question with Cancel and one action: the buttons,
 * Escape meaning Cancel, the answer's callback and presenting it.
 */
#define G_LOG_DOMAIN "xj-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-confirm.h"

/**
 * xj_confirm_present:
 * @dialog: a message dialog with its heading and body set
 * @action: the id of the one response besides "cancel"
 * @appearance: how @action looks (suggested, destructive or default)
 * @default_response: what Enter answers: @action, or "cancel" where Enter
 *   must not do harm
 * @callback: the "response" handler, connected to @object with @flags
 *
 * Adds Cancel and @action, makes Escape answer "cancel" and presents
 * @dialog.
 */
void
xj_confirm_present (AdwMessageDialog      *dialog,
                    const char            *action,
                    const char            *action_label,
                    AdwResponseAppearance  appearance,
                    const char            *default_response,
                    GCallback              callback,
                    gpointer               object,
                    GConnectFlags          flags)
{
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));
  g_return_if_fail (action != NULL && action_label != NULL);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), action, action_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, action, appearance);
  adw_message_dialog_set_default_response (dialog, default_response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", callback, object, flags);
  gtk_window_present (GTK_WINDOW (dialog));
}
