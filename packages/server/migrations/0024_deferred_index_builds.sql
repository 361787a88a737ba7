-- Indexes a bulk load dropped and left to be built after its commit (the plain indexes of a first
-- national import: built two at a time, one per connection). A row stays until its index exists, in the
-- same transaction as the build, so a crash in between leaves the row and the next start builds it.
CREATE TABLE deferred_index_builds (
  name       text PRIMARY KEY,
  def        text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
