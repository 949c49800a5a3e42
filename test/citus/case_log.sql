-- The workflow engine on a distributed table, run by test/citus.sh last on
-- the cluster (distributed = true) and on a single node (distributed =
-- false): the two outputs must be equal.  A table of cases' tasks of one's
-- own is distributed by case with fms.transition_log, so that its triggers
-- fire on the workers, on the shards: each writes the log's shard beside
-- its own, naming the table, and chains and checks the entries as on a
-- single node.  Ids differ between the two runs (each
-- node numbers its own range), so they are compared, not shown.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
INSERT INTO fms.workflow_states (machine, state, is_initial, is_terminal, position, description)
VALUES ('task', 'open', true, false, 1, 'a case task (test)'), ('task', 'doing', false, false, 2, 'a case task (test)'),
       ('task', 'done', false, true, 3, 'a case task (test)');
INSERT INTO fms.workflow_transitions (machine, from_state, to_state, description)
VALUES ('task', 'open', 'doing', 'test'), ('task', 'doing', 'done', 'test');
CREATE TABLE public.case_tasks (
	case_id fms.case_id NOT NULL,
	n int NOT NULL,
	status text NOT NULL DEFAULT 'open',
	status_since date,
	status_log_id bigint,
	PRIMARY KEY (case_id, n),
	FOREIGN KEY (case_id, status_log_id) REFERENCES fms.transition_log (case_id, id) DEFERRABLE INITIALLY DEFERRED
);
CREATE TRIGGER workflow BEFORE INSERT OR UPDATE ON public.case_tasks
	FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('task');
CREATE TRIGGER verify_workflow AFTER INSERT OR UPDATE ON public.case_tasks
	FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow();
\if :distributed
-- Each node numbers the log entries it writes in a range of its own.
SELECT run_command_on_workers($$SELECT pg_catalog.setval('fms.transition_log_id_seq',
       ((SELECT groupid FROM pg_catalog.pg_dist_local_group)::bigint << 48) + 1, false)$$) \g /dev/null
SET citus.enable_unsafe_triggers = on;
SELECT create_distributed_table('fms.transition_log', 'case_id') \g /dev/null
SELECT create_distributed_table('public.case_tasks', 'case_id', colocate_with => 'fms.transition_log') \g /dev/null
RESET citus.enable_unsafe_triggers;
-- The settings a change reads reach the workers as SET LOCAL.
SET citus.propagate_set_commands = 'local';
\endif

-- Tasks of four cases, started on one day by a planner, two of each case
-- taken up on another day with a reason.
BEGIN;
SET LOCAL fms.effective_date = '2031-04-01';
SET LOCAL fms.actor = 'planner';
INSERT INTO public.case_tasks (case_id, n)
SELECT c, n FROM unnest(ARRAY['JA-D-TAA', 'JA-D-TAB', 'KS-P-TAC', 'BE-D-TAD']::fms.case_id[]) AS c, generate_series(1, 3) AS n;
COMMIT;
BEGIN;
SET LOCAL fms.effective_date = '2031-04-15';
SET LOCAL fms.reason = 'taken up';
UPDATE public.case_tasks SET status = 'doing' WHERE n <= 2;
COMMIT;
-- Each row on its own day: the statement gives status_since.
UPDATE public.case_tasks SET status = 'done', status_since = DATE '2031-05-01' + n WHERE n = 1;
-- Refused on the workers as here: a skipped edge, a change dated before
-- the row's last.
SELECT state, message FROM error_of($$UPDATE public.case_tasks SET status = 'done' WHERE case_id = 'JA-D-TAA'::fms.case_id AND n = 3$$);
SELECT state, message FROM error_of($$UPDATE public.case_tasks SET status = 'done', status_since = '2031-04-10'
                                       WHERE case_id = 'JA-D-TAA'::fms.case_id AND n = 2$$);

-- The log names the table (by name: OIDs differ from node to node), chains
-- each row's entries and keeps who and why.
SELECT table_name, row_key, case_id, from_state, to_state, effective_on, actor, reason, previous_hash IS NOT NULL AS chained
  FROM fms.transition_log WHERE table_name = 'public.case_tasks'
 ORDER BY case_id, row_key, effective_on, from_state NULLS FIRST;
-- Every row points to its latest entry and agrees with it; ids are unique.
SELECT count(*) AS tasks,
       count(*) FILTER (WHERE l.to_state = t.status AND l.effective_on = t.status_since) AS agree
  FROM public.case_tasks AS t
  JOIN fms.transition_log AS l ON l.case_id OPERATOR(fms.=) t.case_id AND l.id = t.status_log_id;
SELECT count(*) = count(DISTINCT id) AS ids_unique FROM fms.transition_log;
