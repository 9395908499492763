/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The team schema on the PostgreSQL server, as ordered steps like the local
 * one: step N brings the server from version N-1 to N, in one transaction,
 * under an advisory lock (two administrators running `server init` at once
 * wait for each other).  A server newer than this program is refused
 * untouched.
 *
 * Every synced table is keyed by the record's UUID; the record's own fields
 * travel in `body` (JSON), and the columns the server's rules need (owner,
 * state, references) sit beside it.  Every row carries who wrote it last
 * (`author`), a server change sequence (`seq`) and the writing transaction
 * (`txid`): a puller reads by `seq` and, thanks to `txid`, does not step
 * past a transaction that took a lower `seq` and commits later.
 *
 * The rules are the server's: privileges say which group role may write
 * which table, row-level security says whose rows, and triggers refuse
 * changes to what is written once or signed, whoever asks (the table
 * owner included).
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-team-private.h"
#include "xj-team-server.h"

#define STAMP_COLUMNS \
  "  author text NOT NULL DEFAULT current_user," \
  "  seq bigint NOT NULL DEFAULT nextval('xunjian.change_seq')," \
  "  txid xid8 NOT NULL DEFAULT pg_current_xact_id()," \
  "  body jsonb NOT NULL DEFAULT '{}'"

/* What every synced table t gets, in a loop over the tables of a step:
 * its stamp, the index the pull reads by, row security and the policy
 * that lets every member read it. */
#define SYNCED_TABLE_SETUP \
  "    EXECUTE format('CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON xunjian.%I" \
  "                    FOR EACH ROW EXECUTE FUNCTION xunjian.stamp()', t);" \
  "    EXECUTE format('CREATE INDEX %I ON xunjian.%I (seq)', t || '_seq', t);" \
  "    EXECUTE format('ALTER TABLE xunjian.%I ENABLE ROW LEVEL SECURITY', t);" \
  "    EXECUTE format('ALTER TABLE xunjian.%I FORCE ROW LEVEL SECURITY', t);" \
  "    EXECUTE format('CREATE POLICY read ON xunjian.%I FOR SELECT USING (true)', t);"

/* In the order references need them. */
static const char *const synced_tables[] = {
  "sites", "templates", "template_versions", "schedules", "inspections", "answers",
  "answer_photos", "photos", "signatures", "reports", "notices", "notice_photos",
  "notice_events", "audit", "certificates", "number_blocks", NULL,
};

static const char step_1[] =
  /* Roles belong to the whole cluster: another team database on the same
   * server may have made them already. */
  "DO $$ DECLARE r text; BEGIN"
  "  FOREACH r IN ARRAY ARRAY['xunjian_inspector', 'xunjian_liaison',"
  "                           'xunjian_manager', 'xunjian_admin'] LOOP"
  "    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN"
  "      EXECUTE format('CREATE ROLE %I NOLOGIN', r);"
  "    END IF;"
  "  END LOOP; END $$;"

  "CREATE SCHEMA xunjian;"
  "CREATE TABLE xunjian.meta (key text PRIMARY KEY, value text NOT NULL);"
  "CREATE SEQUENCE xunjian.change_seq;"

  "CREATE TABLE xunjian.sites (uuid uuid PRIMARY KEY, version int NOT NULL DEFAULT 1,"
     STAMP_COLUMNS ");"
  "CREATE TABLE xunjian.templates (uuid uuid PRIMARY KEY, version int NOT NULL DEFAULT 1,"
     STAMP_COLUMNS ");"
  /* A built-in checklist's version is the same record on every laptop:
   * its content hash says so, whatever UUID a laptop gave it. */
  "CREATE TABLE xunjian.template_versions (uuid uuid PRIMARY KEY,"
  "  template_uuid uuid NOT NULL REFERENCES xunjian.templates,"
  "  content_sha256 text NOT NULL UNIQUE," STAMP_COLUMNS ");"
  "CREATE TABLE xunjian.schedules (uuid uuid PRIMARY KEY,"
  "  site_uuid uuid NOT NULL REFERENCES xunjian.sites, version int NOT NULL DEFAULT 1,"
     STAMP_COLUMNS ");"
  "CREATE TABLE xunjian.inspections (uuid uuid PRIMARY KEY,"
  "  site_uuid uuid NOT NULL REFERENCES xunjian.sites,"
  "  owner text NOT NULL DEFAULT current_user,"
  "  state text NOT NULL CHECK (state IN ('draft', 'completed', 'signed', 'archived')),"
     STAMP_COLUMNS ");"
  "CREATE TABLE xunjian.answers (uuid uuid PRIMARY KEY,"
  "  inspection_uuid uuid NOT NULL REFERENCES xunjian.inspections,"
  "  owner text NOT NULL DEFAULT current_user," STAMP_COLUMNS ");"
  "CREATE INDEX answers_inspection ON xunjian.answers (inspection_uuid);"
  "CREATE TABLE xunjian.photos (sha256 text PRIMARY KEY"
  "  CHECK (sha256 ~ '^[0-9a-f]{64}$'), original bytea," STAMP_COLUMNS ");"
  "CREATE TABLE xunjian.signatures (uuid uuid PRIMARY KEY,"
  "  inspection_uuid uuid NOT NULL REFERENCES xunjian.inspections," STAMP_COLUMNS ");"
  "CREATE TABLE xunjian.reports (uuid uuid PRIMARY KEY,"
  "  inspection_uuid uuid NOT NULL UNIQUE REFERENCES xunjian.inspections,"
  "  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'), pdf bytea NOT NULL,"
     STAMP_COLUMNS ");"
  "CREATE TABLE xunjian.notices (uuid uuid PRIMARY KEY,"
  "  site_uuid uuid NOT NULL REFERENCES xunjian.sites, number text,"
  "  version int NOT NULL DEFAULT 1," STAMP_COLUMNS ");"
  "CREATE TABLE xunjian.notice_events (uuid uuid PRIMARY KEY,"
  "  notice_uuid uuid NOT NULL REFERENCES xunjian.notices," STAMP_COLUMNS ");"
  "CREATE TABLE xunjian.audit (uuid uuid PRIMARY KEY," STAMP_COLUMNS ");"
  /* Members' signing certificates, public part only; a second one for the
   * same person is another row, never a replacement. */
  "CREATE TABLE xunjian.certificates (sha256 text PRIMARY KEY"
  "  CHECK (sha256 ~ '^[0-9a-f]{64}$'), member text NOT NULL DEFAULT current_user,"
  "  pem text NOT NULL CHECK (pem LIKE '-----BEGIN CERTIFICATE-----%')," STAMP_COLUMNS ");"
  "CREATE TABLE xunjian.number_blocks (uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),"
  "  kind text NOT NULL, year int NOT NULL, first_number int NOT NULL,"
  "  last_number int NOT NULL, CHECK (first_number BETWEEN 1 AND last_number),"
  "  EXCLUDE USING btree (kind WITH =, year WITH =, first_number WITH =),"
     STAMP_COLUMNS ");"

  /* Who wrote, in which order and transaction: set by the server, not
   * taken from the client. */
  "CREATE FUNCTION xunjian.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
  "  NEW.author := current_user;"
  "  NEW.seq := nextval('xunjian.change_seq');"
  "  NEW.txid := pg_current_xact_id();"
  "  RETURN NEW; END $$;"
  "CREATE FUNCTION xunjian.written_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
  "  RAISE EXCEPTION 'a row of % is written once and never changed or deleted', TG_TABLE_NAME"
  "    USING ERRCODE = 'XJ001';"
  "END $$;"
  /* An owned row keeps its owner; a signed inspection keeps everything,
   * except the step from signed to archived. */
  "CREATE FUNCTION xunjian.inspection_locked() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
  "  IF TG_OP = 'UPDATE' AND NEW.owner <> OLD.owner THEN"
  "    RAISE EXCEPTION 'an inspection belongs to the inspector who started it'"
  "      USING ERRCODE = 'XJ002';"
  "  END IF;"
  "  IF OLD.state IN ('signed', 'archived') AND NOT (TG_OP = 'UPDATE'"
  "      AND OLD.state = 'signed' AND NEW.state = 'archived' AND NEW.body = OLD.body) THEN"
  "    RAISE EXCEPTION 'inspection % is signed and locked', OLD.uuid USING ERRCODE = 'XJ003';"
  "  END IF;"
  "  IF TG_OP = 'DELETE' THEN"
  "    RAISE EXCEPTION 'inspections are never deleted' USING ERRCODE = 'XJ001';"
  "  END IF;"
  "  RETURN NEW; END $$;"
  /* What hangs from an inspection (answers, signatures) is written while it
   * is open, or in the very transaction that brings it signed. */
  "CREATE FUNCTION xunjian.inspection_part_locked() RETURNS trigger LANGUAGE plpgsql AS $$"
  "DECLARE target uuid; BEGIN"
  "  IF TG_OP = 'DELETE' THEN"
  "    RAISE EXCEPTION 'a row of % is never deleted', TG_TABLE_NAME USING ERRCODE = 'XJ001';"
  "  END IF;"
  "  IF TG_OP = 'UPDATE' AND NEW.owner <> OLD.owner THEN"
  "    RAISE EXCEPTION 'an answer belongs to the inspector who gave it' USING ERRCODE = 'XJ002';"
  "  END IF;"
  "  target := NEW.inspection_uuid;"
  "  IF EXISTS (SELECT 1 FROM xunjian.inspections i WHERE i.uuid IN (target, OLD.inspection_uuid)"
  "             AND i.state IN ('signed', 'archived') AND i.txid <> pg_current_xact_id()) THEN"
  "    RAISE EXCEPTION 'inspection % is signed and locked', target USING ERRCODE = 'XJ003';"
  "  END IF;"
  "  RETURN NEW; END $$;"
  "DO $$ DECLARE t text; BEGIN"
  "  FOREACH t IN ARRAY ARRAY['sites', 'templates', 'template_versions', 'schedules',"
  "      'inspections', 'answers', 'photos', 'signatures', 'reports', 'notices',"
  "      'notice_events', 'audit', 'certificates', 'number_blocks'] LOOP"
  SYNCED_TABLE_SETUP
  "  END LOOP;"
  "  FOREACH t IN ARRAY ARRAY['template_versions', 'photos', 'signatures', 'reports',"
  "      'notice_events', 'audit', 'certificates', 'number_blocks'] LOOP"
  "    EXECUTE format('CREATE TRIGGER written_once BEFORE UPDATE OR DELETE ON xunjian.%I"
  "                    FOR EACH ROW EXECUTE FUNCTION xunjian.written_once()', t);"
  "  END LOOP;"
  /* Shared records: whoever the privileges let write them. */
  "  FOREACH t IN ARRAY ARRAY['sites', 'templates', 'template_versions', 'schedules',"
  "      'photos', 'notices', 'notice_events', 'audit'] LOOP"
  "    EXECUTE format('CREATE POLICY add ON xunjian.%I FOR INSERT WITH CHECK (true)', t);"
  "    EXECUTE format('CREATE POLICY change ON xunjian.%I FOR UPDATE USING (true)', t);"
  "  END LOOP;"
  "END $$;"
  "CREATE TRIGGER locked BEFORE UPDATE OR DELETE ON xunjian.inspections"
  "  FOR EACH ROW EXECUTE FUNCTION xunjian.inspection_locked();"
  "CREATE TRIGGER locked BEFORE INSERT OR UPDATE OR DELETE ON xunjian.answers"
  "  FOR EACH ROW EXECUTE FUNCTION xunjian.inspection_part_locked();"

  /* Owned: an inspector's own inspections, and answers, signatures and
   * reports only on those. */
  "CREATE POLICY own ON xunjian.inspections FOR ALL"
  "  USING (owner = current_user) WITH CHECK (owner = current_user);"
  "CREATE POLICY own ON xunjian.answers FOR ALL"
  "  USING (owner = current_user) WITH CHECK (owner = current_user AND EXISTS"
  "    (SELECT 1 FROM xunjian.inspections i WHERE i.uuid = inspection_uuid"
  "     AND i.owner = current_user));"
  "CREATE POLICY own ON xunjian.signatures FOR INSERT WITH CHECK (EXISTS"
  "  (SELECT 1 FROM xunjian.inspections i WHERE i.uuid = inspection_uuid"
  "   AND i.owner = current_user));"
  "CREATE POLICY own ON xunjian.reports FOR INSERT WITH CHECK (EXISTS"
  "  (SELECT 1 FROM xunjian.inspections i WHERE i.uuid = inspection_uuid"
  "   AND i.owner = current_user));"
  "CREATE POLICY own ON xunjian.certificates FOR INSERT WITH CHECK (member = current_user);"

  /* Privileges: who may write which table at all. */
  "GRANT USAGE ON SCHEMA xunjian TO xunjian_inspector, xunjian_liaison, xunjian_manager,"
  "  xunjian_admin;"
  "GRANT SELECT ON ALL TABLES IN SCHEMA xunjian TO xunjian_inspector, xunjian_liaison,"
  "  xunjian_manager, xunjian_admin;"
  "GRANT USAGE ON SEQUENCE xunjian.change_seq TO xunjian_inspector, xunjian_liaison,"
  "  xunjian_manager, xunjian_admin;"
  "GRANT INSERT ON xunjian.photos, xunjian.audit, xunjian.certificates TO xunjian_inspector,"
  "  xunjian_liaison, xunjian_manager, xunjian_admin;"
  "GRANT INSERT, UPDATE ON xunjian.sites, xunjian.templates, xunjian.schedules,"
  "  xunjian.inspections, xunjian.answers TO xunjian_inspector, xunjian_manager, xunjian_admin;"
  "GRANT INSERT ON xunjian.template_versions, xunjian.signatures, xunjian.reports"
  "  TO xunjian_inspector, xunjian_manager, xunjian_admin;"
  "GRANT INSERT, UPDATE ON xunjian.notices TO xunjian_liaison, xunjian_manager, xunjian_admin;"
  "GRANT INSERT ON xunjian.notice_events TO xunjian_liaison, xunjian_manager, xunjian_admin;"

  "INSERT INTO xunjian.meta VALUES ('schema_version', '0');";

/* Step 2: report and notice numbers unique across the team.  A laptop
 * leases a block of numbers so that it can number offline; numbers a laptop
 * printed before it joined are claimed one by one, and the counters move
 * past them; a number someone else holds already is refused (the laptop
 * then prints it with its short code as a suffix).  Both run as the owner
 * (SECURITY DEFINER) under a lock per kind and year, so members write
 * number_blocks only through them; the author is the login that asked. */
static const char step_2[] =
  "CREATE OR REPLACE FUNCTION xunjian.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
  "  NEW.author := session_user;"
  "  NEW.seq := nextval('xunjian.change_seq');"
  "  NEW.txid := pg_current_xact_id();"
  "  RETURN NEW; END $$;"
  "CREATE FUNCTION xunjian.lease_numbers(kind text, year int, size int)"
  "  RETURNS xunjian.number_blocks LANGUAGE plpgsql SECURITY DEFINER"
  "  SET search_path = pg_catalog, pg_temp AS $$"
  "DECLARE block xunjian.number_blocks; first int; BEGIN"
  "  IF kind NOT IN ('report', 'notice') OR year NOT BETWEEN 2000 AND 2999"
  "     OR size NOT BETWEEN 1 AND 1000 THEN"
  "    RAISE EXCEPTION 'no such lease: % % %', kind, year, size USING ERRCODE = '22023';"
  "  END IF;"
  "  PERFORM pg_advisory_xact_lock(hashtext('xunjian-numbers'), hashtext(kind || year));"
  "  SELECT coalesce(max(b.last_number), 0) + 1 INTO first FROM xunjian.number_blocks b"
  "    WHERE b.kind = lease_numbers.kind AND b.year = lease_numbers.year;"
  "  INSERT INTO xunjian.number_blocks (kind, year, first_number, last_number)"
  "    VALUES (kind, year, first, first + size - 1) RETURNING * INTO block;"
  "  RETURN block; END $$;"
  /* TRUE: the number is the caller's; FALSE: someone holds it already. */
  "CREATE FUNCTION xunjian.claim_printed_number(kind text, year int, number int)"
  "  RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER"
  "  SET search_path = pg_catalog, pg_temp AS $$ BEGIN"
  "  IF kind NOT IN ('report', 'notice') OR number < 1 THEN"
  "    RAISE EXCEPTION 'no such number: % %', kind, number USING ERRCODE = '22023';"
  "  END IF;"
  "  PERFORM pg_advisory_xact_lock(hashtext('xunjian-numbers'), hashtext(kind || year));"
  "  IF EXISTS (SELECT 1 FROM xunjian.number_blocks b WHERE b.kind = claim_printed_number.kind"
  "             AND b.year = claim_printed_number.year"
  "             AND claim_printed_number.number BETWEEN b.first_number AND b.last_number) THEN"
  "    RETURN EXISTS (SELECT 1 FROM xunjian.number_blocks b"
  "      WHERE b.kind = claim_printed_number.kind AND b.year = claim_printed_number.year"
  "      AND claim_printed_number.number BETWEEN b.first_number AND b.last_number"
  "      AND b.author = session_user);"
  "  END IF;"
  "  INSERT INTO xunjian.number_blocks (kind, year, first_number, last_number)"
  "    VALUES (kind, year, number, number);"
  "  RETURN true; END $$;"
  "REVOKE ALL ON FUNCTION xunjian.lease_numbers(text, int, int),"
  "  xunjian.claim_printed_number(text, int, int) FROM PUBLIC;"
  "GRANT EXECUTE ON FUNCTION xunjian.lease_numbers(text, int, int),"
  "  xunjian.claim_printed_number(text, int, int) TO xunjian_inspector, xunjian_liaison,"
  "  xunjian_manager, xunjian_admin;";

/* Step 3: what the sync needs besides step 1.  A checklist's uid is its
 * identity across laptops (the built-in ones are made on every laptop);
 * the photos of answers (owned like the answers) and of notices; a
 * signature belongs to an inspection or to a notice. */
static const char step_3[] =
  "ALTER TABLE xunjian.templates ADD COLUMN uid text UNIQUE;"
  "CREATE TABLE xunjian.answer_photos (uuid uuid PRIMARY KEY,"
  "  inspection_uuid uuid NOT NULL REFERENCES xunjian.inspections,"
  "  owner text NOT NULL DEFAULT current_user," STAMP_COLUMNS ");"
  "CREATE TABLE xunjian.notice_photos (uuid uuid PRIMARY KEY,"
  "  notice_uuid uuid NOT NULL REFERENCES xunjian.notices,"
  "  version int NOT NULL DEFAULT 1," STAMP_COLUMNS ");"
  "ALTER TABLE xunjian.signatures ALTER COLUMN inspection_uuid DROP NOT NULL,"
  "  ADD COLUMN notice_uuid uuid REFERENCES xunjian.notices,"
  "  ADD CHECK ((inspection_uuid IS NULL) <> (notice_uuid IS NULL));"
  "DO $$ DECLARE t text; BEGIN"
  "  FOREACH t IN ARRAY ARRAY['answer_photos', 'notice_photos'] LOOP"
  SYNCED_TABLE_SETUP
  "  END LOOP; END $$;"
  "CREATE TRIGGER locked BEFORE INSERT OR UPDATE OR DELETE ON xunjian.answer_photos"
  "  FOR EACH ROW EXECUTE FUNCTION xunjian.inspection_part_locked();"
  "CREATE POLICY own ON xunjian.answer_photos FOR ALL"
  "  USING (owner = current_user) WITH CHECK (owner = current_user AND EXISTS"
  "    (SELECT 1 FROM xunjian.inspections i WHERE i.uuid = inspection_uuid"
  "     AND i.owner = current_user));"
  "CREATE POLICY add ON xunjian.notice_photos FOR INSERT WITH CHECK (true);"
  "CREATE POLICY change ON xunjian.notice_photos FOR UPDATE USING (true);"
  "CREATE POLICY notice ON xunjian.signatures FOR INSERT WITH CHECK (notice_uuid IS NOT NULL);"
  "GRANT SELECT ON xunjian.answer_photos, xunjian.notice_photos TO xunjian_inspector,"
  "  xunjian_liaison, xunjian_manager, xunjian_admin;"
  "GRANT INSERT, UPDATE ON xunjian.answer_photos TO xunjian_inspector, xunjian_manager,"
  "  xunjian_admin;"
  "GRANT INSERT, UPDATE ON xunjian.notice_photos TO xunjian_liaison, xunjian_manager,"
  "  xunjian_admin;"
  "GRANT INSERT ON xunjian.signatures TO xunjian_liaison;";

static const char *const steps[] = {
  step_1,
  step_2,
  step_3,
  _xj_team_server_step_4,
  _xj_team_server_step_5,
  _xj_team_server_step_6,
  _xj_team_server_step_7,
};

const char *const *
_xj_team_schema_get_tables (void)
{
  return synced_tables;
}

/* The team schema version this program makes. */
guint
xj_team_server_get_program_version (void)
{
  return G_N_ELEMENTS (steps);
}

/* The server's schema version; 0 when it has no team schema. */
gboolean
_xj_team_server_read_version (XjTeamConnection  *connection,
                              guint             *version,
                              GError           **error)
{
  g_autoptr(PGresult) exists = NULL;
  g_autoptr(PGresult) result = NULL;

  *version = 0;
  exists = _xj_team_exec (connection, "SELECT to_regclass('xunjian.meta') IS NOT NULL",
                          0, NULL, error);
  if (exists == NULL)
    return FALSE;
  if (g_str_equal (PQgetvalue (exists, 0, 0), "f"))
    return TRUE;
  result = _xj_team_exec (connection, "SELECT value::int FROM xunjian.meta"
                          " WHERE key = 'schema_version'", 0, NULL, error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 1)
    *version = (guint) atoi (PQgetvalue (result, 0, 0));
  return TRUE;
}

/**
 * xj_team_server_init:
 * @from_version: (out): the version the server had before
 *
 * Creates or migrates the team schema to this program's version; a server
 * already there is left as it is.
 */
gboolean
xj_team_server_init (XjTeamConnection  *connection,
                     guint             *from_version,
                     GError           **error)
{
  guint version = 0;

  g_return_val_if_fail (connection != NULL, FALSE);

  if (!_xj_team_run (connection, "BEGIN ISOLATION LEVEL SERIALIZABLE", error))
    return FALSE;
  if (!_xj_team_run (connection, "SELECT pg_advisory_xact_lock(hashtext('xunjian-schema'))",
                     error)
      || !_xj_team_server_read_version (connection, &version, error))
    goto fail;
  if (from_version != NULL)
    *from_version = version;
  if (version > G_N_ELEMENTS (steps))
    {
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_TOO_NEW,
                   _("The team server's schema is version %u, newer than this Xunjian knows "
                     "(%u). The server was left untouched: update Xunjian."),
                   version, (guint) G_N_ELEMENTS (steps));
      goto fail;
    }
  for (guint step = version + 1; step <= G_N_ELEMENTS (steps); step++)
    {
      g_autofree char *number = g_strdup_printf ("%u", step);
      const char *params[] = { number };
      g_autoptr(PGresult) result = NULL;

      if (!_xj_team_run (connection, steps[step - 1], error)
          || (result = _xj_team_exec (connection,
                                      "UPDATE xunjian.meta SET value = $1"
                                      " WHERE key = 'schema_version'",
                                      1, params, error)) == NULL)
        goto fail;
    }
  return _xj_team_run (connection, "COMMIT", error);

fail:
  _xj_team_rollback (connection);
  return FALSE;
}
