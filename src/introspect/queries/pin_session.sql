-- Pins the transaction's settings. Everything read after this prints qualified names; sorts stay
-- in memory; bytea comes in hex; intervals print in the style the client's printer writes.
-- JIT compiling a catalog query of a large database takes longer than running it (half a second
-- per query at 10,000 tables), and parallel workers only compete with the other connection for
-- the same cores.
select set_config('search_path', '', true), set_config('work_mem', '64MB', true), set_config('jit', 'off', true),
  set_config('max_parallel_workers_per_gather', '0', true), set_config('bytea_output', 'hex', true),
  set_config('intervalstyle', 'postgres', true)
