/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void xj_confirm_present (AdwMessageDialog      *dialog,
                         const char            *action,
                         const char            *action_label,
                         AdwResponseAppearance  appearance,
                         const char            *default_response,
                         GCallback              callback,
                         gpointer               object,
                         GConnectFlags          flags);

G_END_DECLS
