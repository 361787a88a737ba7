-- The name bigrams (0003) as one expression of C functions instead of a query per name: PostgreSQL inlines
-- a single-expression SQL function into the generated column, which halves its cost (~12 µs a row, paid
-- 665k times by the division import). Pairs at odd and at even positions together are every pair; a
-- name's repeated pair may now be stored twice, which neither the GIN index nor `@>` minds. Rows written
-- before hold the same pairs in another order; they are rewritten below so that a stored array always
-- equals the function's (a dump restored elsewhere recomputes every generated column).
CREATE OR REPLACE FUNCTION org_name_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_remove(string_to_array(
    regexp_replace(lower(t), '(..)|.', '\1' || chr(31), 'g') || regexp_replace(lower(substr(t, 2)), '(..)|.', '\1' || chr(31), 'g'),
    chr(31)), '')
$$;

UPDATE orgs SET name = name WHERE name_bigrams IS DISTINCT FROM org_name_bigrams(name);
