-- Mobile numbers are stored sealed with SM4 from now on (the application seals existing plaintext at
-- start); a keyed SM3 hash beside each lets the application find a number without decrypting them all.
ALTER TABLE users ADD COLUMN mobile_hash text;
ALTER TABLE cadres ADD COLUMN mobile_hash text;
ALTER TABLE org_leaders ADD COLUMN mobile_hash text;
CREATE INDEX users_mobile_hash_idx ON users (mobile_hash) WHERE mobile_hash IS NOT NULL;
CREATE INDEX cadres_mobile_hash_idx ON cadres (mobile_hash) WHERE mobile_hash IS NOT NULL;
CREATE INDEX org_leaders_mobile_hash_idx ON org_leaders (mobile_hash) WHERE mobile_hash IS NOT NULL;
