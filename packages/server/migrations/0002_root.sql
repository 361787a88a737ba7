-- Every tree hangs from one national root, so "everything" is just the root's subtree.
INSERT INTO orgs (id, parent_id, path, depth, code, name, kind, level, status)
VALUES (1, NULL, '/1/', 0, 'CYLC', '共青团中央委员会', 'committee', 'national', 'founded');
INSERT INTO org_paths (org_id, parent_id, path, valid_from) VALUES (1, NULL, '/1/', '1949-10-01');
SELECT setval(pg_get_serial_sequence('orgs', 'id'), 1);
