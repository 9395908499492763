/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema version 14: what is typed in a notice step, kept as it is typed.
 *
 * The runner writes every answer and remark as it is given, but a notice
 * step (what was done to rectify, why a rectification is rejected, why a
 * notice is escalated) lived only in its dialog until the step was taken:
 * the process killed with the dialog open lost it.  The text now goes to
 * notice_step_drafts on every change, one row per notice and step, and
 * the dialog starts from it; taking a step of the notice, or closing the
 * dialog on purpose, deletes it.  Local to this laptop: it does not travel.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include "xj-schema-private.h"

static const char step_drafts[] =
  "CREATE TABLE notice_step_drafts ("
  "  notice_id INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,"
  "  step TEXT NOT NULL CHECK (step IN ('acknowledge', 'rectify', 'accept', 'reject',"
  "    'escalate', 'discard')),"
  "  remark TEXT NOT NULL CHECK (length (remark) <= 4000),"
  "  updated_at INTEGER NOT NULL,"
  "  PRIMARY KEY (notice_id, step)"
  ") STRICT;";

gboolean
_xj_schema_step_v14 (sqlite3  *db,
                     GError  **error)
{
  return _xj_schema_exec (db, "notice_step_drafts", step_drafts, error);
}
