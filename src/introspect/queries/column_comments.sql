-- Comments on columns, by relation oid and column number.
select ds.objoid as "relation", ds.objsubid as "number", ds.description as "comment"
from pg_description ds
where ds.classoid = 'pg_class'::regclass and ds.objsubid > 0
