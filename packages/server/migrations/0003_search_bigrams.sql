-- Chinese names are searched by two-character words (梅县, 丙村) that trigram indexes cannot serve:
-- a generated array of every two-character piece of the name, under a GIN index, answers those.
CREATE FUNCTION org_name_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT lower(substr(t, i, 2))), '{}'::text[])
  FROM generate_series(1, greatest(char_length(t) - 1, 0)) AS i
$$;
ALTER TABLE orgs ADD COLUMN name_bigrams text[] GENERATED ALWAYS AS (org_name_bigrams(name)) STORED;
CREATE INDEX orgs_name_bigrams_idx ON orgs USING gin (name_bigrams);
