-- Expected reporters of a form are "the county committees under the scope": starting from the orgs of a
-- level (2,978 counties in 4.4 million orgs) beats walking the scope's whole subtree.
CREATE INDEX orgs_level_idx ON orgs (level, kind);
