-- "4414…" typed into the search box is a code prefix: LIKE 'prefix%' can use a btree only under the C
-- collation or with text_pattern_ops, so without this index the OR with the name match scanned the subtree.
CREATE INDEX orgs_code_pattern_idx ON orgs (code text_pattern_ops);
