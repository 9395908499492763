/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Team schema step 5: the sync's speed.
 *
 * - A photo keeps its rendition and thumbnail beside its original: a
 *   laptop pulls those (what every page and report shows) and fetches an
 *   original only when it is asked for.  Photos pushed before this step
 *   have none, and come down whole as before.
 * - Every synced table gets an index on `txid`: the first question of a
 *   sync ("did others write anything since my watermark?") is one index
 *   probe per table instead of reading every table whole, so a sync with
 *   nothing to do stays quick however large the archive grows.
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include "xj-team-private.h"

const char _xj_team_server_step_5[] =
  "ALTER TABLE xunjian.photos ADD COLUMN rendition bytea, ADD COLUMN thumbnail bytea;"
  "DO $$ DECLARE t text; BEGIN"
  "  FOREACH t IN ARRAY ARRAY['sites', 'templates', 'template_versions', 'schedules',"
  "      'inspections', 'answers', 'answer_photos', 'photos', 'signatures', 'reports',"
  "      'notices', 'notice_photos', 'notice_events', 'audit'] LOOP"
  "    EXECUTE format('CREATE INDEX %I ON xunjian.%I (txid)', t || '_txid', t);"
  "  END LOOP; END $$;";
