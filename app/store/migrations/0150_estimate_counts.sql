-- The cube's moments now count, per base cell and measure, the responses
-- in the ratio's denominator (x ≠ 0: those with a cost for the mean cost,
-- with needed AI staff for the gap rate) instead of the cell's responses,
-- for every estimate's n (issue 17). Nothing changes in the tables: the
-- migration's hook rebuilds every wave's cube from its stored responses
-- (store.migrationHooks), as 0120 did.
SELECT 1;
