-- Column defaults and generation expressions. A default cannot refer to a column, so it is printed
-- without its table (relid 0): the server then need not load the table, which is most of the cost.
-- Only an expression that names a column (a generated column's, stored with a Var node) is printed
-- with its table.
select
  d.adrelid as "relation",
  d.adnum as "number",
  pg_get_expr(d.adbin, case when d.adbin::text like '%{VAR %' then d.adrelid else 0 end) as "expression"
from pg_attrdef d
