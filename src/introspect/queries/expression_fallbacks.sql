-- Expressions the client does not print itself, printed by the server: check constraints ($1),
-- index predicates ($2), policies' USING ($3) and WITH CHECK ($4) expressions, view queries ($5),
-- publications' row filters ($6).
select 'constraint' as "source", k.oid as "oid", pg_get_expr(k.conbin, k.conrelid) as "expression"
from pg_constraint k
where k.oid = any($1::oid[])
union all
select 'index', i.indexrelid, pg_get_expr(i.indpred, i.indrelid)
from pg_index i
where i.indexrelid = any($2::oid[])
union all
select 'policy_using', p.oid, pg_get_expr(p.polqual, p.polrelid)
from pg_policy p
where p.oid = any($3::oid[])
union all
select 'policy_check', p.oid, pg_get_expr(p.polwithcheck, p.polrelid)
from pg_policy p
where p.oid = any($4::oid[])
union all
select 'view', c.oid, pg_get_viewdef(c.oid)
from pg_class c
where c.oid = any($5::oid[])
union all
select 'publication_filter', pr.oid, pg_get_expr(pr.prqual, pr.prrelid)
from pg_publication_rel pr
where pr.oid = any($6::oid[])
