-- Records carry their org's path (issue 8), so "the records of this county" is a range of one index
-- instead of a join that starts from every record of the kind in the nation. The path is the org's
-- current one, like every roll-up's: triggers set it on insert and rewrite it when an org moves.
ALTER TABLE records ADD COLUMN org_path text COLLATE "C";
UPDATE records r SET org_path = o.path FROM orgs o WHERE o.id = r.org_id;
ALTER TABLE records ALTER COLUMN org_path SET NOT NULL;

CREATE FUNCTION records_set_org_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT path INTO NEW.org_path FROM orgs WHERE id = NEW.org_id;
  RETURN NEW;
END $$;
CREATE TRIGGER records_org_path BEFORE INSERT OR UPDATE OF org_id ON records
  FOR EACH ROW EXECUTE FUNCTION records_set_org_path();

CREATE FUNCTION orgs_path_to_records() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE records SET org_path = NEW.path WHERE org_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER orgs_path_to_records AFTER UPDATE OF path ON orgs
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION orgs_path_to_records();

-- Covers the roll-ups: a kind's records under a subtree, with what they count, without visiting the heap.
CREATE INDEX records_program_kind_path_idx ON records (program_id, kind, org_path) INCLUDE (occurred_on, status, people_reached, amount);
CREATE INDEX records_program_path_idx ON records (program_id, org_path);
