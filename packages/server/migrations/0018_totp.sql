-- TOTP second factor (RFC 6238): the secret is stored sealed with SM4 like other secrets at rest; it
-- counts only once confirmed with a code. The last accepted time step makes every code single-use.
ALTER TABLE users ADD COLUMN totp_secret text;
ALTER TABLE users ADD COLUMN totp_enabled_at timestamptz;
ALTER TABLE users ADD COLUMN totp_last_step bigint;

-- Between a correct password and a correct code: only a hash of the pending token is kept.
CREATE TABLE login_challenges (
  id         text PRIMARY KEY,
  user_id    integer NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE INDEX login_challenges_user_idx ON login_challenges (user_id);
