/*-------------------------------------------------------------------------
 * statement_end.c
 *	  The end of each statement that can fire row triggers: where the
 *	  transition log entries of its status changes are written.
 *
 * fms.verify_workflow() fires AFTER each row a statement writes, and once
 * it has checked the row, its status change is certain.  Writing each
 * entry then, one SPI statement per row, cost most of the engine's time.
 * Instead the entries wait (transition_log.c) until the statement's AFTER
 * row triggers have all fired: the end of the executor's finishing step
 * (INSERT, UPDATE, MERGE, from any client or function) or of a utility
 * command (COPY).  The entries are then written together, in the order
 * their rows were checked.
 *
 * Nothing reads the log before the waiting entries are in it: a statement
 * that could read fms.transition_log (one run by a user's AFTER trigger, a
 * statement trigger, a function), and every utility command, first writes
 * those the current subtransaction made; the engine's own reads see them
 * where they wait.  So entries are written together when nothing runs
 * between the checks of their rows but the checks of foreign keys.  Two
 * kinds of reader still miss them: one inside an exception block, since
 * the entries of the enclosing subtransaction, written in the inner one,
 * would vanish if it failed; and a STABLE function's statement, which
 * reads with its caller's snapshot, that cannot be moved on.
 *
 * Statements nest: a trigger's own statement ends, and writes its entries,
 * before the statement that fired it.  Each entry is written at the end of
 * the innermost statement whose triggers made it; only rows checked
 * outside any statement this module saw begin (the library loaded during
 * the statement, a deferred trigger fired at commit) are written at once.
 *
 * IDENTIFICATION
 *	  src/statement_end.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "executor/executor.h"
#include "nodes/parsenodes.h"
#include "tcop/utility.h"
#include "utils/snapshot.h"

#include "statement_end.h"
#include "transition_log.h"

static ExecutorStart_hook_type previous_executor_start = NULL;
static ExecutorFinish_hook_type previous_executor_finish = NULL;
static ProcessUtility_hook_type previous_process_utility = NULL;

/* How many statements this module saw begin are running, nested. */
static int	running_statements = 0;

int
statement_end_depth(void)
{
	return running_statements;
}

/* Whether the statement's range table names a log (through a view too). */
static bool
reads_a_log(const PlannedStmt *plan)
{
	const WorkflowCache *cache = workflow_cache();
	ListCell   *cell;

	foreach(cell, plan->rtable)
	{
		const RangeTblEntry *rte = (const RangeTblEntry *) lfirst(cell);

		if (rte->rtekind == RTE_RELATION && workflow_cache_is_log(cache, rte->relid))
			return true;
	}
	return false;
}

/*
 * Whether the statement's snapshot is its own: taken for it alone (not the
 * snapshot of a statement running a STABLE function), so that letting it
 * see later commands changes no other statement's view.
 */
static bool
own_snapshot(const QueryDesc *queryDesc)
{
	Snapshot	snapshot = queryDesc->snapshot;

	return snapshot != NULL && snapshot->snapshot_type == SNAPSHOT_MVCC &&
		snapshot->regd_count <= 1 && snapshot->active_count <= 1;
}

static void
start_executor(QueryDesc *queryDesc, int eflags)
{
	/*
	 * Any statement may call a function that reads the log; only the
	 * checks of foreign keys (which fire no triggers) are known not to,
	 * unless they check a key into the log itself.
	 */
	if (transition_log_waiting() && own_snapshot(queryDesc) &&
		(!(eflags & EXEC_FLAG_SKIP_TRIGGERS) || reads_a_log(queryDesc->plannedstmt)))
	{
		transition_log_flush_subtransaction();

		/*
		 * The statement took its snapshot before the entries were written:
		 * let it see them, as SPI lets each statement see the ones before
		 * it.  (Nothing has been read with it yet.)
		 */
		CommandCounterIncrement();
		queryDesc->snapshot->curcid = GetCurrentCommandId(false);
	}
	if (previous_executor_start)
		previous_executor_start(queryDesc, eflags);
	else
		standard_ExecutorStart(queryDesc, eflags);
}

/*
 * Run a statement as the innermost of those running; at its end, write the
 * log entries its triggers left waiting, or, if it fails, forget them: its
 * rows are rolled back, or will be.
 */
static void
run_statement(void (*run) (void *), void *arg)
{
	running_statements++;
	PG_TRY();
	{
		run(arg);
		transition_log_flush(running_statements);
	}
	PG_CATCH();
	{
		transition_log_discard(running_statements);
		running_statements--;
		PG_RE_THROW();
	}
	PG_END_TRY();
	running_statements--;
}

static void
run_executor_finish(void *arg)
{
	QueryDesc  *queryDesc = (QueryDesc *) arg;

	if (previous_executor_finish)
		previous_executor_finish(queryDesc);
	else
		standard_ExecutorFinish(queryDesc);
}

static void
finish_executor(QueryDesc *queryDesc)
{
	run_statement(run_executor_finish, queryDesc);
}

/* A utility command's arguments, for run_statement(). */
typedef struct UtilityCall
{
	PlannedStmt *pstmt;
	const char *queryString;
	bool		readOnlyTree;
	ProcessUtilityContext context;
	ParamListInfo params;
	QueryEnvironment *queryEnv;
	DestReceiver *dest;
	QueryCompletion *qc;
} UtilityCall;

static void
run_utility(void *arg)
{
	UtilityCall *c = (UtilityCall *) arg;

	if (previous_process_utility)
		previous_process_utility(c->pstmt, c->queryString, c->readOnlyTree, c->context, c->params,
								 c->queryEnv, c->dest, c->qc);
	else
		standard_ProcessUtility(c->pstmt, c->queryString, c->readOnlyTree, c->context, c->params,
								c->queryEnv, c->dest, c->qc);
}

static void
process_utility(PlannedStmt *pstmt, const char *queryString, bool readOnlyTree,
				ProcessUtilityContext context, ParamListInfo params,
				QueryEnvironment *queryEnv, DestReceiver *dest, QueryCompletion *qc)
{
	UtilityCall call = {pstmt, queryString, readOnlyTree, context, params, queryEnv, dest, qc};

	if (transition_log_waiting())
		transition_log_flush_subtransaction();
	run_statement(run_utility, &call);
}

void
statement_end_install(void)
{
	previous_executor_start = ExecutorStart_hook;
	ExecutorStart_hook = start_executor;
	previous_executor_finish = ExecutorFinish_hook;
	ExecutorFinish_hook = finish_executor;
	previous_process_utility = ProcessUtility_hook;
	ProcessUtility_hook = process_utility;
}
