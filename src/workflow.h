/*-------------------------------------------------------------------------
 * workflow.h
 *	  A workflow machine: states and allowed edges, and the lookups the
 *	  trigger needs.
 *
 * Pure C: no PostgreSQL headers.  A machine is built by the cache (from
 * fms.workflow_states and fms.workflow_transitions) and only read here.
 *
 * IDENTIFICATION
 *	  src/workflow.h
 *-------------------------------------------------------------------------
 */
#ifndef FMS_WORKFLOW_H
#define FMS_WORKFLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct WorkflowState
{
	const char *name;
	bool		is_initial;
	bool		is_terminal;
	const char *milestone_column;	/* date column stamped on entry, or NULL */
} WorkflowState;

typedef struct WorkflowEdge
{
	int			from;			/* index into states */
	int			to;				/* index into states */
	bool		requires_reason;
	const char *guard;			/* guard function signature, or NULL */
	uint32_t	guard_oid;		/* its OID, 0 if none or if it is missing */
} WorkflowEdge;

typedef struct WorkflowMachine
{
	const char *name;
	int			nstates;
	WorkflowState *states;		/* in position order */
	int			nedges;
	WorkflowEdge *edges;		/* grouped by from state */
} WorkflowMachine;

/* Index of the state named name (len bytes), or -1. */
extern int	workflow_find_state(const WorkflowMachine *machine, const char *name, size_t len);

/* The edge from -> to, or NULL if the machine does not allow it. */
extern const WorkflowEdge *workflow_find_edge(const WorkflowMachine *machine, int from, int to);

/*
 * Iterate over the states reachable from state from (or the initial states
 * if from is -1), in position order: start with *cursor = 0; returns the
 * next state index, or -1 when done.
 */
extern int	workflow_next_state(const WorkflowMachine *machine, int from, int *cursor);

#endif							/* FMS_WORKFLOW_H */
