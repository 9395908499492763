/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The database schema as an ordered list of migration steps.  Step N brings
 * a database from user_version N-1 to N.  A step that has shipped is never
 * edited: later changes are new steps, and every shipped version keeps a
 * fixture database under tests/fixtures/ with a migration test.
 */
#define G_LOG_DOMAIN "xj-store"

#include "xj-schema-private.h"
#include "xj-store.h"

/* The body of the two triggers that keep an answer's value to its item's
 * response type (on insert and on update of the value): one text, so the
 * two cannot drift apart. */
#define ANSWER_VALUE_FITS_ITEM \
  "  WHEN NEW.value IS NOT NULL AND NEW.value <> 'na' AND NOT (" \
  "    SELECT CASE t.response_type" \
  "      WHEN 'pass_fail' THEN NEW.value IN ('pass', 'fail')" \
  "      WHEN 'yes_no' THEN NEW.value IN ('yes', 'no')" \
  "      WHEN 'rating' THEN NEW.value IN ('1', '2', '3', '4', '5')" \
  "      WHEN 'number' THEN NEW.value GLOB '*[0-9]*' AND NEW.value NOT GLOB '*[^0-9.eE+-]*'" \
  "      WHEN 'stopwatch' THEN NEW.value GLOB '*[0-9]*' AND NEW.value NOT GLOB '*[^0-9.]*'" \
  "      WHEN 'choice' THEN NEW.value NOT GLOB '*[^0-9]*' AND length(NEW.value) BETWEEN 1 AND 4" \
  "      WHEN 'datetime' THEN NEW.value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'" \
  "      ELSE 1 END" \
  "    FROM template_items t WHERE t.id = NEW.item_id)" \
  "  BEGIN SELECT RAISE(ABORT, 'answer value does not fit the item''s response type'); END;"

/* The photos table's columns around its mime CHECK, which version 3
 * widened by rebuilding the table: one text for both, so the rebuilt
 * table keeps the others exactly. */
#define PHOTO_KEY_COLUMNS \
  "  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')," \
  "  bytes INTEGER NOT NULL CHECK (bytes > 0),"
#define PHOTO_COLUMNS_AFTER_MIME \
  "  width INTEGER NOT NULL CHECK (width > 0)," \
  "  height INTEGER NOT NULL CHECK (height > 0)," \
  "  orientation INTEGER NOT NULL DEFAULT 1 CHECK (orientation BETWEEN 1 AND 8)," \
  "  taken_at INTEGER," \
  "  gps_lat REAL CHECK (gps_lat IS NULL OR gps_lat BETWEEN -90 AND 90)," \
  "  gps_lon REAL CHECK (gps_lon IS NULL OR gps_lon BETWEEN -180 AND 180)," \
  "  camera TEXT NOT NULL DEFAULT ''," \
  "  original_name TEXT NOT NULL DEFAULT ''," \
  "  imported_at INTEGER NOT NULL" \
  ") STRICT;"

/* Version 1: every concept of DESIGN.md.  Times are Unix seconds (UTC);
 * deadlines and schedule times are rendered in the local zone by the UI. */
static const char schema_v1[] =
  "CREATE TABLE sites ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 120),"
  "  kind TEXT NOT NULL DEFAULT 'estate'"
  "    CHECK (kind IN ('estate', 'store', 'service_desk')),"
  "  address TEXT NOT NULL DEFAULT '',"
  "  contact TEXT NOT NULL DEFAULT '',"
  "  project_manager TEXT NOT NULL DEFAULT '',"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ") STRICT;"
  "CREATE UNIQUE INDEX sites_name ON sites (name COLLATE NOCASE);"

  /* A template is a family of immutable versions. */
  "CREATE TABLE templates ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE CHECK (length(uid) BETWEEN 1 AND 100),"
  "  builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
  "  created_at INTEGER NOT NULL"
  ") STRICT;"
  "CREATE TABLE template_versions ("
  "  id INTEGER PRIMARY KEY,"
  "  template_id INTEGER NOT NULL REFERENCES templates (id) ON DELETE CASCADE,"
  "  version INTEGER NOT NULL CHECK (version >= 1),"
  "  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  default_kind TEXT CHECK (default_kind IN ('daily', 'weekly', 'monthly',"
  "    'mystery_visit', 'mystery_call', 'spot_check')),"
  "  created_at INTEGER NOT NULL,"
  "  UNIQUE (template_id, version)"
  ") STRICT;"
  "CREATE TABLE template_sections ("
  "  id INTEGER PRIMARY KEY,"
  "  version_id INTEGER NOT NULL REFERENCES template_versions (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL CHECK (position >= 0),"
  "  title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200)"
  ") STRICT;"
  "CREATE INDEX template_sections_version ON template_sections (version_id, position);"
  "CREATE TABLE template_items ("
  "  id INTEGER PRIMARY KEY,"
  "  section_id INTEGER NOT NULL REFERENCES template_sections (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL CHECK (position >= 0),"
  /* Stable across versions: 'the same item' for previous answers and
   * repeat findings. */
  "  item_key TEXT NOT NULL CHECK (length(item_key) BETWEEN 1 AND 100),"
  "  prompt TEXT NOT NULL CHECK (length(trim(prompt)) BETWEEN 1 AND 500),"
  "  guidance TEXT NOT NULL DEFAULT '',"
  "  guidance_do TEXT NOT NULL DEFAULT '',"
  "  guidance_dont TEXT NOT NULL DEFAULT '',"
  "  response_type TEXT NOT NULL CHECK (response_type IN ('pass_fail', 'yes_no',"
  "    'rating', 'number', 'stopwatch', 'choice', 'text', 'datetime', 'photo')),"
  "  unit TEXT NOT NULL DEFAULT '',"
  "  range_min REAL,"
  "  range_max REAL,"
  "  threshold REAL,"
  "  pass_answer INTEGER CHECK (pass_answer IN (0, 1)),"
  "  score_weight REAL NOT NULL DEFAULT 1 CHECK (score_weight >= 0),"
  "  failure_weight REAL NOT NULL DEFAULT 1 CHECK (failure_weight >= 0),"
  "  critical INTEGER NOT NULL DEFAULT 0 CHECK (critical IN (0, 1)),"
  "  required INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),"
  "  photo_on_fail INTEGER NOT NULL DEFAULT 0 CHECK (photo_on_fail IN (0, 1)),"
  "  remark_on_fail INTEGER NOT NULL DEFAULT 0 CHECK (remark_on_fail IN (0, 1)),"
  "  notice_type TEXT CHECK (notice_type IN ('contact', 'rectification', 'work_order')),"
  "  responsible_party TEXT CHECK (responsible_party IN ('property', 'repair_crew', 'own_works')),"
  "  deadline_days INTEGER CHECK (deadline_days BETWEEN 0 AND 365),"
  "  category TEXT NOT NULL DEFAULT 'other' CHECK (category IN ('cleaning', 'greenery',"
  "    'public_order', 'fire_security', 'facilities', 'service', 'other')),"
  "  CHECK (range_min IS NULL OR range_max IS NULL OR range_min <= range_max)"
  ") STRICT;"
  "CREATE INDEX template_items_section ON template_items (section_id, position);"
  "CREATE INDEX template_items_key ON template_items (item_key);"
  "CREATE TABLE template_item_options ("
  "  id INTEGER PRIMARY KEY,"
  "  item_id INTEGER NOT NULL REFERENCES template_items (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL CHECK (position >= 0),"
  "  label TEXT NOT NULL CHECK (length(trim(label)) BETWEEN 1 AND 200),"
  "  score REAL NOT NULL DEFAULT 0 CHECK (score >= 0 AND score <= 1),"
  "  fails INTEGER NOT NULL DEFAULT 0 CHECK (fails IN (0, 1)),"
  "  UNIQUE (item_id, position)"
  ") STRICT;"

  "CREATE TABLE schedules ("
  "  id INTEGER PRIMARY KEY,"
  "  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,"
  "  template_id INTEGER NOT NULL REFERENCES templates (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('daily', 'weekly', 'monthly',"
  "    'mystery_visit', 'mystery_call', 'spot_check')),"
  "  rule TEXT NOT NULL CHECK (rule IN ('daily', 'weekly', 'monthly',"
  "    'every_n_weeks', 'random')),"
  /* Rule parameters as JSON, validated by core/xj-schedule.c. */
  "  spec TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(spec)),"
  "  seed INTEGER NOT NULL DEFAULT 0,"
  "  starts_at INTEGER NOT NULL,"
  "  paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),"
  "  created_at INTEGER NOT NULL"
  ") STRICT;"
  "CREATE INDEX schedules_site ON schedules (site_id);"
  "CREATE TABLE schedule_skips ("
  "  schedule_id INTEGER NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,"
  "  occurrence_at INTEGER NOT NULL,"
  "  reason TEXT NOT NULL CHECK (length(trim(reason)) >= 1),"
  "  skipped_by TEXT NOT NULL DEFAULT '',"
  "  skipped_at INTEGER NOT NULL,"
  "  PRIMARY KEY (schedule_id, occurrence_at)"
  ") STRICT;"

  "CREATE TABLE inspections ("
  "  id INTEGER PRIMARY KEY,"
  "  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,"
  "  version_id INTEGER NOT NULL REFERENCES template_versions (id) ON DELETE RESTRICT,"
  "  kind TEXT NOT NULL CHECK (kind IN ('daily', 'weekly', 'monthly',"
  "    'mystery_visit', 'mystery_call', 'spot_check')),"
  "  state TEXT NOT NULL DEFAULT 'draft'"
  "    CHECK (state IN ('draft', 'completed', 'signed', 'archived')),"
  "  inspector TEXT NOT NULL CHECK (length(trim(inspector)) BETWEEN 1 AND 100),"
  "  rep_name TEXT NOT NULL DEFAULT '',"
  "  rep_company TEXT NOT NULL DEFAULT '',"
  "  schedule_id INTEGER REFERENCES schedules (id) ON DELETE SET NULL,"
  "  occurrence_at INTEGER,"
  "  started_at INTEGER NOT NULL,"
  "  completed_at INTEGER,"
  "  signed_at INTEGER,"
  /* Cached from core/xj-scoring.c when the inspection is completed. */
  "  score REAL CHECK (score IS NULL OR (score >= 0 AND score <= 100)),"
  "  grade TEXT,"
  "  failure_index REAL,"
  "  critical_failed INTEGER NOT NULL DEFAULT 0 CHECK (critical_failed IN (0, 1)),"
  "  current_item_id INTEGER,"
  "  updated_at INTEGER NOT NULL,"
  "  CHECK (state = 'draft' OR completed_at IS NOT NULL),"
  "  CHECK (state NOT IN ('signed', 'archived') OR signed_at IS NOT NULL)"
  ") STRICT;"
  "CREATE INDEX inspections_state ON inspections (state, started_at);"
  "CREATE INDEX inspections_site ON inspections (site_id, started_at);"
  "CREATE INDEX inspections_started ON inspections (started_at);"
  "CREATE INDEX inspections_schedule ON inspections (schedule_id, started_at);"

  "CREATE TABLE answers ("
  "  id INTEGER PRIMARY KEY,"
  "  inspection_id INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,"
  "  item_id INTEGER NOT NULL REFERENCES template_items (id) ON DELETE RESTRICT,"
  /* The answer as text: 'pass'/'fail'/'na', 'yes'/'no', a number, an option
   * position, free text, an ISO 8601 date-time, or NULL when only a remark or
   * photos were given.  'na' is allowed for every type. */
  "  value TEXT CHECK (value IS NULL OR length(value) <= 4000),"
  "  outcome TEXT NOT NULL DEFAULT 'unanswered' CHECK (outcome IN ('pass', 'fail',"
  "    'na', 'unscored', 'unanswered')),"
  "  remark TEXT NOT NULL DEFAULT '' CHECK (length(remark) <= 4000),"
  "  answered_at INTEGER NOT NULL,"
  "  UNIQUE (inspection_id, item_id)"
  ") STRICT;"
  "CREATE INDEX answers_item ON answers (item_id, outcome);"

  /* Photo files are stored once, named by their SHA-256. */
  "CREATE TABLE photos ("
  PHOTO_KEY_COLUMNS
  "  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),"
  PHOTO_COLUMNS_AFTER_MIME
  "CREATE TABLE answer_photos ("
  "  id INTEGER PRIMARY KEY,"
  "  answer_id INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,"
  "  sha256 TEXT NOT NULL REFERENCES photos (sha256) ON DELETE RESTRICT,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  caption TEXT NOT NULL DEFAULT '',"
  /* Vector annotation as JSON; the original file is never changed. */
  "  annotation TEXT CHECK (annotation IS NULL OR json_valid(annotation)),"
  "  added_at INTEGER NOT NULL,"
  "  UNIQUE (answer_id, sha256)"
  ") STRICT;"
  "CREATE INDEX answer_photos_sha ON answer_photos (sha256);"

  "CREATE TABLE signatures ("
  "  id INTEGER PRIMARY KEY,"
  "  inspection_id INTEGER REFERENCES inspections (id) ON DELETE CASCADE,"
  "  notice_id INTEGER REFERENCES notices (id) ON DELETE CASCADE,"
  "  role TEXT NOT NULL CHECK (role IN ('inspector', 'representative',"
  "    'recipient', 'verifier', 'issuer')),"
  "  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),"
  "  company TEXT NOT NULL DEFAULT '',"
  "  signed_at INTEGER NOT NULL,"
  "  strokes TEXT NOT NULL CHECK (json_valid(strokes)),"
  "  CHECK ((inspection_id IS NULL) <> (notice_id IS NULL))"
  ") STRICT;"
  "CREATE INDEX signatures_inspection ON signatures (inspection_id);"
  "CREATE INDEX signatures_notice ON signatures (notice_id);"

  "CREATE TABLE reports ("
  "  id INTEGER PRIMARY KEY,"
  "  inspection_id INTEGER NOT NULL UNIQUE REFERENCES inspections (id) ON DELETE RESTRICT,"
  "  number TEXT NOT NULL UNIQUE,"
  "  path TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
  "  bytes INTEGER NOT NULL CHECK (bytes > 0),"
  "  signer TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL"
  ") STRICT;"

  "CREATE TABLE notice_counters ("
  "  type TEXT NOT NULL CHECK (type IN ('contact', 'rectification', 'work_order')),"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),"
  "  last_seq INTEGER NOT NULL CHECK (last_seq >= 0),"
  "  PRIMARY KEY (type, year)"
  ") STRICT;"
  "CREATE TABLE notices ("
  "  id INTEGER PRIMARY KEY,"
  "  type TEXT NOT NULL CHECK (type IN ('contact', 'rectification', 'work_order')),"
  "  year INTEGER NOT NULL,"
  "  seq INTEGER NOT NULL CHECK (seq >= 1),"
  "  number TEXT NOT NULL UNIQUE,"
  "  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,"
  "  inspection_id INTEGER REFERENCES inspections (id) ON DELETE SET NULL,"
  "  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'issued',"
  "    'acknowledged', 'rectified', 'verified', 'closed')),"
  "  severity TEXT NOT NULL DEFAULT 'normal'"
  "    CHECK (severity IN ('low', 'normal', 'serious', 'safety')),"
  "  responsible_party TEXT NOT NULL DEFAULT 'property'"
  "    CHECK (responsible_party IN ('property', 'repair_crew', 'own_works')),"
  "  addressed_company TEXT NOT NULL DEFAULT '',"
  "  addressed_person TEXT NOT NULL DEFAULT '',"
  "  area TEXT NOT NULL DEFAULT '',"
  "  description TEXT NOT NULL DEFAULT '',"
  "  required_action TEXT NOT NULL DEFAULT '',"
  "  deadline INTEGER,"
  "  issued_at INTEGER,"
  "  issued_by TEXT NOT NULL DEFAULT '',"
  "  acknowledged_at INTEGER,"
  "  acknowledged_by TEXT NOT NULL DEFAULT '',"
  "  rectified_at INTEGER,"
  "  rectification_remark TEXT NOT NULL DEFAULT '',"
  "  verified_at INTEGER,"
  "  verified_by TEXT NOT NULL DEFAULT '',"
  "  closed_at INTEGER,"
  "  escalated INTEGER NOT NULL DEFAULT 0 CHECK (escalated IN (0, 1)),"
  "  escalated_at INTEGER,"
  "  escalation_reason TEXT NOT NULL DEFAULT '',"
  "  repeat INTEGER NOT NULL DEFAULT 0 CHECK (repeat IN (0, 1)),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (type, year, seq),"
  "  CHECK (state = 'draft' OR (issued_at IS NOT NULL AND deadline IS NOT NULL))"
  ") STRICT;"
  "CREATE INDEX notices_state ON notices (state, deadline);"
  "CREATE INDEX notices_site ON notices (site_id, state);"
  "CREATE TABLE notice_findings ("
  "  notice_id INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,"
  "  answer_id INTEGER NOT NULL REFERENCES answers (id) ON DELETE RESTRICT,"
  "  PRIMARY KEY (notice_id, answer_id)"
  ") STRICT;"
  "CREATE INDEX notice_findings_answer ON notice_findings (answer_id);"
  "CREATE TABLE notice_photos ("
  "  id INTEGER PRIMARY KEY,"
  "  notice_id INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,"
  "  sha256 TEXT NOT NULL REFERENCES photos (sha256) ON DELETE RESTRICT,"
  "  phase TEXT NOT NULL CHECK (phase IN ('before', 'after')),"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  caption TEXT NOT NULL DEFAULT '',"
  "  added_at INTEGER NOT NULL,"
  "  UNIQUE (notice_id, sha256, phase)"
  ") STRICT;"
  /* Deadlines a notice had before a rejection gave it a new one. */
  "CREATE TABLE notice_events ("
  "  id INTEGER PRIMARY KEY,"
  "  notice_id INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  actor TEXT NOT NULL DEFAULT '',"
  "  from_state TEXT,"
  "  to_state TEXT NOT NULL,"
  "  deadline INTEGER,"
  "  remark TEXT NOT NULL DEFAULT ''"
  ") STRICT;"
  "CREATE INDEX notice_events_notice ON notice_events (notice_id, at);"

  "CREATE TABLE frequent_remarks ("
  "  id INTEGER PRIMARY KEY,"
  "  text TEXT NOT NULL UNIQUE CHECK (length(trim(text)) BETWEEN 1 AND 500),"
  "  uses INTEGER NOT NULL DEFAULT 1 CHECK (uses >= 0),"
  "  last_used INTEGER NOT NULL"
  ") STRICT;"

  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  actor TEXT NOT NULL DEFAULT '',"
  "  entity TEXT NOT NULL,"
  "  entity_id INTEGER,"
  "  action TEXT NOT NULL,"
  "  detail TEXT NOT NULL DEFAULT ''"
  ") STRICT;"
  "CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
  "  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
  "  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"

  /* A signed inspection is locked for ever, in the database itself.  The
   * only change allowed is signed -> archived. */
  "CREATE TRIGGER inspections_locked_update BEFORE UPDATE ON inspections"
  "  WHEN OLD.state IN ('signed', 'archived')"
  "   AND NOT (OLD.state = 'signed' AND NEW.state = 'archived'"
  "            AND NEW.site_id = OLD.site_id AND NEW.version_id = OLD.version_id"
  "            AND NEW.inspector = OLD.inspector AND NEW.score IS OLD.score"
  "            AND NEW.signed_at = OLD.signed_at)"
  "  BEGIN SELECT RAISE(ABORT, 'inspection is signed and locked'); END;"
  "CREATE TRIGGER inspections_locked_delete BEFORE DELETE ON inspections"
  "  WHEN OLD.state IN ('signed', 'archived')"
  "  BEGIN SELECT RAISE(ABORT, 'inspection is signed and locked'); END;"
  "CREATE TRIGGER answers_locked_insert BEFORE INSERT ON answers"
  "  WHEN (SELECT state FROM inspections WHERE id = NEW.inspection_id) IN ('signed', 'archived')"
  "  BEGIN SELECT RAISE(ABORT, 'inspection is signed and locked'); END;"
  "CREATE TRIGGER answers_locked_update BEFORE UPDATE ON answers"
  "  WHEN (SELECT state FROM inspections WHERE id = OLD.inspection_id) IN ('signed', 'archived')"
  "  BEGIN SELECT RAISE(ABORT, 'inspection is signed and locked'); END;"
  "CREATE TRIGGER answers_locked_delete BEFORE DELETE ON answers"
  "  WHEN (SELECT state FROM inspections WHERE id = OLD.inspection_id) IN ('signed', 'archived')"
  "  BEGIN SELECT RAISE(ABORT, 'inspection is signed and locked'); END;"
  "CREATE TRIGGER answer_photos_locked_insert BEFORE INSERT ON answer_photos"
  "  WHEN (SELECT i.state FROM answers a JOIN inspections i ON i.id = a.inspection_id"
  "        WHERE a.id = NEW.answer_id) IN ('signed', 'archived')"
  "  BEGIN SELECT RAISE(ABORT, 'inspection is signed and locked'); END;"
  "CREATE TRIGGER answer_photos_locked_update BEFORE UPDATE ON answer_photos"
  "  WHEN (SELECT i.state FROM answers a JOIN inspections i ON i.id = a.inspection_id"
  "        WHERE a.id = OLD.answer_id) IN ('signed', 'archived')"
  "  BEGIN SELECT RAISE(ABORT, 'inspection is signed and locked'); END;"
  "CREATE TRIGGER answer_photos_locked_delete BEFORE DELETE ON answer_photos"
  "  WHEN (SELECT i.state FROM answers a JOIN inspections i ON i.id = a.inspection_id"
  "        WHERE a.id = OLD.answer_id) IN ('signed', 'archived')"
  "  BEGIN SELECT RAISE(ABORT, 'inspection is signed and locked'); END;"
  "CREATE TRIGGER signatures_locked_insert BEFORE INSERT ON signatures"
  "  WHEN (SELECT state FROM inspections WHERE id = NEW.inspection_id) IN ('signed', 'archived')"
  "  BEGIN SELECT RAISE(ABORT, 'inspection is signed and locked'); END;"
  "CREATE TRIGGER signatures_locked_update BEFORE UPDATE ON signatures"
  "  WHEN (SELECT state FROM inspections WHERE id = OLD.inspection_id) IN ('signed', 'archived')"
  "  BEGIN SELECT RAISE(ABORT, 'inspection is signed and locked'); END;"
  "CREATE TRIGGER signatures_locked_delete BEFORE DELETE ON signatures"
  "  WHEN (SELECT state FROM inspections WHERE id = OLD.inspection_id) IN ('signed', 'archived')"
  "  BEGIN SELECT RAISE(ABORT, 'inspection is signed and locked'); END;"

  /* Answer values must fit the item's response type. */
  "CREATE TRIGGER answers_value_insert BEFORE INSERT ON answers"
  ANSWER_VALUE_FITS_ITEM
  "CREATE TRIGGER answers_value_update BEFORE UPDATE OF value ON answers"
  ANSWER_VALUE_FITS_ITEM

  /* A template version that an inspection used is immutable. */
  "CREATE TRIGGER template_items_used_update BEFORE UPDATE ON template_items"
  "  WHEN EXISTS (SELECT 1 FROM inspections i JOIN template_sections s ON s.version_id = i.version_id"
  "               WHERE s.id = OLD.section_id)"
  "  BEGIN SELECT RAISE(ABORT, 'template version is in use; save a new version'); END;"
  "CREATE TRIGGER template_items_used_delete BEFORE DELETE ON template_items"
  "  WHEN EXISTS (SELECT 1 FROM inspections i JOIN template_sections s ON s.version_id = i.version_id"
  "               WHERE s.id = OLD.section_id)"
  "  BEGIN SELECT RAISE(ABORT, 'template version is in use; save a new version'); END;"
  "CREATE TRIGGER template_sections_used_update BEFORE UPDATE ON template_sections"
  "  WHEN EXISTS (SELECT 1 FROM inspections WHERE version_id = OLD.version_id)"
  "  BEGIN SELECT RAISE(ABORT, 'template version is in use; save a new version'); END;"
  "CREATE TRIGGER template_versions_used_update BEFORE UPDATE ON template_versions"
  "  WHEN EXISTS (SELECT 1 FROM inspections WHERE version_id = OLD.id)"
  "  BEGIN SELECT RAISE(ABORT, 'template version is in use; save a new version'); END;";

/* Version 2: "is this template version used?" (template list counts, the
 * triggers that keep used versions immutable) without scanning every
 * inspection. */
static const char schema_v2[] =
  "CREATE INDEX inspections_version ON inspections (version_id);";

/* Version 3: HEIF photos (iPhones save HEIC), and a running stopwatch
 * that survives leaving the runner, a quit or a crash.
 * SQLite cannot change the photos' mime CHECK in place: the table is
 * rebuilt with its rows.  The references from answer_photos and
 * notice_photos are deferred meanwhile and hold again once the rows are
 * back (the commit checks them). */
static const char schema_v3[] =
  "PRAGMA defer_foreign_keys = ON;"
  "CREATE TEMP TABLE photos_v2 AS SELECT * FROM photos;"
  "DROP TABLE photos;"
  "CREATE TABLE photos ("
  PHOTO_KEY_COLUMNS
  "  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/heic', 'image/heif',"
  "                                     'image/avif')),"
  PHOTO_COLUMNS_AFTER_MIME
  "INSERT INTO photos SELECT * FROM photos_v2;"
  "DROP TABLE photos_v2;"
  /* The stopwatch: the wall-clock instant it was started (Unix
   * milliseconds), NULL when it is not running. */
  "ALTER TABLE answers ADD COLUMN timer_started_ms INTEGER"
  "  CHECK (timer_started_ms IS NULL OR timer_started_ms > 0);";

/* A step is SQL, or code when SQL alone cannot say it (version 4 rebuilds
 * every table from its own definition). */
typedef struct {
  const char *sql;
  gboolean  (*run) (sqlite3 *db, GError **error);
} Step;

static const Step steps[] = {
  { schema_v1, NULL },
  { schema_v2, NULL },
  { schema_v3, NULL },
  { NULL, _xj_schema_step_v4 },
  { _xj_schema_v5, NULL },
  { NULL, _xj_schema_step_v6 },
  { NULL, _xj_schema_step_v7 },
  { NULL, _xj_schema_step_v8 },
  { NULL, _xj_schema_step_v9 },
  { NULL, _xj_schema_step_v10 },
  { NULL, _xj_schema_step_v11 },
  { NULL, _xj_schema_step_v12 },
  { NULL, _xj_schema_step_v13 },
  { NULL, _xj_schema_step_v14 },
  { NULL, _xj_schema_step_v15 },
};

guint
_xj_schema_get_n_steps (void)
{
  return G_N_ELEMENTS (steps);
}

/**
 * _xj_schema_run_step:
 * @version: the version the step brings the database to
 *
 * Runs one step inside the caller's transaction, with foreign keys off
 * (a step may rebuild tables); the caller checks them before committing.
 */
gboolean
_xj_schema_run_step (sqlite3     *db,
                     guint        version,
                     const char  *context,
                     GError     **error)
{
  const Step *step;
  int rc;

  g_return_val_if_fail (version >= 1 && version <= G_N_ELEMENTS (steps), FALSE);

  step = &steps[version - 1];
  if (step->run != NULL)
    return step->run (db, error);
  rc = sqlite3_exec (db, step->sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return xj_store_set_sqlite_error (error, db, rc, context);
  return TRUE;
}
