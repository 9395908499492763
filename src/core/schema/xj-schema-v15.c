/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema version 15: what is picked and drawn before a step is taken,
 * kept as it is picked and drawn.
 *
 * v14 kept the remark of a notice step as it was typed; the after-photos
 * picked in the same dialog and a handwritten signature drawn on a pad
 * still lived only in their widgets, and a crash lost them (found in a
 * whole day's use, issue 12).  The picked photos now go to
 * notice_step_draft_photos with their step's draft (and go with it), and
 * the strokes of an inspection's signature pads to signature_drafts on
 * every stroke, until the inspection is signed.  Local to this laptop:
 * neither travels.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include "xj-schema-private.h"

static const char drafts[] =
  "CREATE TABLE notice_step_draft_photos ("
  "  notice_id INTEGER NOT NULL,"
  "  step TEXT NOT NULL,"
  "  position INTEGER NOT NULL CHECK (position >= 0),"
  "  sha256 TEXT NOT NULL REFERENCES photos (sha256) ON DELETE CASCADE,"
  "  PRIMARY KEY (notice_id, step, sha256),"
  "  FOREIGN KEY (notice_id, step) REFERENCES notice_step_drafts (notice_id, step)"
  "    ON DELETE CASCADE"
  ") STRICT;"
  "CREATE TABLE signature_drafts ("
  "  inspection_id INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,"
  "  role TEXT NOT NULL CHECK (role IN ('inspector', 'representative')),"
  "  strokes TEXT NOT NULL CHECK (json_valid (strokes) AND length (strokes) <= 2000000),"
  "  updated_at INTEGER NOT NULL,"
  "  PRIMARY KEY (inspection_id, role)"
  ") STRICT;";

gboolean
_xj_schema_step_v15 (sqlite3  *db,
                     GError  **error)
{
  return _xj_schema_exec (db, "step drafts", drafts, error);
}
