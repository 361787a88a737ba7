-- Departments and cadres as program subjects (S2.3, S3.2, S4.3): role holders with a dated term,
-- pairing members that are orgs, departments or cadres, and records that name the department they
-- were done for, the cadres who took part and the deliverable they hand in.
ALTER TABLE program_roles ADD COLUMN active_from date;
ALTER TABLE program_roles ADD COLUMN active_to date;
CREATE UNIQUE INDEX program_roles_department_once ON program_roles (program_id, role_key, department_id) WHERE department_id IS NOT NULL AND status <> 'withdrawn';
CREATE UNIQUE INDEX program_roles_cadre_once ON program_roles (program_id, role_key, cadre_id) WHERE cadre_id IS NOT NULL AND status <> 'withdrawn';

ALTER TABLE pairing_members DROP CONSTRAINT pairing_members_pkey;
ALTER TABLE pairing_members ALTER COLUMN org_id DROP NOT NULL;
ALTER TABLE pairing_members ADD COLUMN department_id integer REFERENCES departments(id);
ALTER TABLE pairing_members ADD COLUMN cadre_id integer REFERENCES cadres(id);
ALTER TABLE pairing_members ADD CONSTRAINT pairing_members_one_holder CHECK (num_nonnulls(org_id, department_id, cadre_id) = 1);
CREATE UNIQUE INDEX pairing_members_once ON pairing_members (pairing_id, side_key, coalesce(org_id, 0), coalesce(department_id, 0), coalesce(cadre_id, 0));
CREATE INDEX pairing_members_department_idx ON pairing_members (department_id) WHERE department_id IS NOT NULL;
CREATE INDEX pairing_members_cadre_idx ON pairing_members (cadre_id) WHERE cadre_id IS NOT NULL;

ALTER TABLE records ADD COLUMN department_id integer REFERENCES departments(id);
ALTER TABLE records ADD COLUMN cadre_ids integer[] NOT NULL DEFAULT '{}';
ALTER TABLE records ADD COLUMN deliverable_key text;
CREATE INDEX records_department_idx ON records (department_id, occurred_on) WHERE department_id IS NOT NULL;
CREATE INDEX records_cadres_idx ON records USING gin (cadre_ids);
CREATE INDEX records_deliverable_idx ON records (program_id, deliverable_key) WHERE deliverable_key IS NOT NULL;
