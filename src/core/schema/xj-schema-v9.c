/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema version 9: sites merged by a person.
 *
 * Two laptops that each made a site of the same name offline end up with
 * two sites.  They are flagged as possible duplicates (same normalised
 * name), never renamed behind anyone's back, and a person may merge one
 * into the other: sites.merged_into holds the UUID of the site it was
 * merged into (a shared field that travels with the site's other fields).
 * A merged site leaves every list; its schedules and notices are
 * re-pointed, its inspections (signed ones are locked for ever) keep
 * their site and are shown and counted under the site it was merged into.
 *
 * The unique index on the name goes: the same name may now arrive from
 * another laptop.  A person still cannot give two sites the same name here
 * (xj_store_save_site checks it).
 *
 * A template version in use stays immutable, but its UUID may change: a
 * laptop that used its built-in checklists before joining a team takes the
 * UUID the team already knows for the same version (xj-team-sync-push.c),
 * which the old trigger (any UPDATE) refused.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include "xj-schema-private.h"

static const char merged_into[] =
  "ALTER TABLE sites ADD COLUMN merged_into TEXT"
  "  CHECK (merged_into IS NULL OR merged_into GLOB '" HEX4 HEX4 "-" HEX4 "-" HEX4 "-" HEX4 "-"
  HEX4 HEX4 HEX4 "');"
  "DROP INDEX sites_name;"
  "CREATE INDEX sites_name ON sites (name COLLATE NOCASE);"
  "CREATE INDEX sites_merged_into ON sites (merged_into) WHERE merged_into IS NOT NULL;";

static const char version_identity[] =
  "DROP TRIGGER template_versions_used_update;"
  "CREATE TRIGGER template_versions_used_update BEFORE UPDATE OF id, template_id, version, name,"
  "  description, default_kind, created_at ON template_versions"
  "  WHEN EXISTS (SELECT 1 FROM inspections WHERE version_id = OLD.id)"
  "  BEGIN SELECT RAISE(ABORT, 'template version is in use; save a new version'); END;";

gboolean
_xj_schema_step_v9 (sqlite3  *db,
                    GError  **error)
{
  return _xj_schema_exec (db, "sites", merged_into, error)
         && _xj_schema_exec (db, "template_versions", version_identity, error);
}
