-- 三权分立 (等保2.0): the security administrator (accounts) and the audit administrator (audit log) beside the
-- system administrator.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('administrator','security_admin','audit_admin','manager','reporter','viewer'));
