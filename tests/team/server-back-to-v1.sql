-- SPDX-License-Identifier: GPL-3.0-or-later
-- Takes a team server at the program's schema version back to version 1:
-- every later step undone, newest first.  Used by the tests that show an
-- older server is migrated (test-server.sh, test-numbers.sh); a new server
-- step adds its undo at the top of the list below.
DO $$ DECLARE i text; BEGIN
  FOR i IN SELECT indexname FROM pg_indexes WHERE schemaname = 'xunjian'
      AND indexname LIKE '%_txid' LOOP
    EXECUTE format('DROP INDEX xunjian.%I', i);
  END LOOP; END $$;
DROP TRIGGER locked_added ON xunjian.answers;
DROP TRIGGER locked ON xunjian.answers;
CREATE TRIGGER locked BEFORE INSERT OR UPDATE OR DELETE ON xunjian.answers
  FOR EACH ROW EXECUTE FUNCTION xunjian.inspection_part_locked();
DROP POLICY monthly ON xunjian.reports;
ALTER TABLE xunjian.reports DROP COLUMN month, ALTER COLUMN inspection_uuid SET NOT NULL;
ALTER TABLE xunjian.photos DROP COLUMN rendition, DROP COLUMN thumbnail;
DROP TRIGGER number_fixed ON xunjian.notices;
DROP FUNCTION xunjian.notice_number_fixed();
DROP FUNCTION xunjian.lease_numbers(text, int, int, text);
DROP FUNCTION xunjian.claim_printed_number(text, int, int, text);
ALTER TABLE xunjian.number_blocks DROP COLUMN laptop;
DROP TABLE xunjian.answer_photos, xunjian.notice_photos;
DROP FUNCTION xunjian.inspection_parts_added();
ALTER TABLE xunjian.templates DROP COLUMN uid;
DROP POLICY notice ON xunjian.signatures;
ALTER TABLE xunjian.signatures DROP COLUMN notice_uuid, ALTER COLUMN inspection_uuid SET NOT NULL;
REVOKE INSERT ON xunjian.signatures FROM xunjian_liaison;
DROP FUNCTION xunjian.lease_numbers(text, int, int);
DROP FUNCTION xunjian.claim_printed_number(text, int, int);
UPDATE xunjian.meta SET value = '1' WHERE key = 'schema_version';
