-- Records move draft → submitted → verified or returned (S3.8, S4.8); a change after verification
-- makes a new version that supersedes the old one, never an overwrite. A retried submission with the
-- same idempotency key returns the first record.
ALTER TABLE records DROP CONSTRAINT records_status_check;
ALTER TABLE records ADD CONSTRAINT records_status_check CHECK (status IN ('draft', 'submitted', 'verified', 'returned', 'superseded'));
ALTER TABLE records ADD COLUMN supersedes_id bigint REFERENCES records(id);
ALTER TABLE records ADD COLUMN reviewed_by integer;
ALTER TABLE records ADD COLUMN reviewed_at timestamptz;
ALTER TABLE records ADD COLUMN review_reason text;
CREATE UNIQUE INDEX records_superseded_once ON records (supersedes_id) WHERE supersedes_id IS NOT NULL;

CREATE TABLE record_idempotency (
  user_id    integer NOT NULL,
  key        text NOT NULL,
  record_id  bigint NOT NULL REFERENCES records(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
