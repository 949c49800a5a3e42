/*-------------------------------------------------------------------------
 * workflow.c
 *	  Lookups in a workflow machine.  Machines are small (a dozen states,
 *	  a few dozen edges), so linear scans beat anything cleverer.
 *
 * IDENTIFICATION
 *	  src/workflow.c
 *-------------------------------------------------------------------------
 */
#include "workflow.h"

#include <string.h>

int
workflow_find_state(const WorkflowMachine *machine, const char *name, size_t len)
{
	int			i;

	for (i = 0; i < machine->nstates; i++)
	{
		const char *candidate = machine->states[i].name;

		/* Lengths first: a name with a NUL inside must not read past one. */
		if (strlen(candidate) == len && memcmp(candidate, name, len) == 0)
			return i;
	}
	return -1;
}

const WorkflowEdge *
workflow_find_edge(const WorkflowMachine *machine, int from, int to)
{
	int			i;

	for (i = 0; i < machine->nedges; i++)
	{
		if (machine->edges[i].from == from && machine->edges[i].to == to)
			return &machine->edges[i];
	}
	return NULL;
}

int
workflow_next_state(const WorkflowMachine *machine, int from, int *cursor)
{
	while (*cursor < machine->nstates)
	{
		int			candidate = (*cursor)++;

		if (from < 0 ? machine->states[candidate].is_initial
			: workflow_find_edge(machine, from, candidate) != NULL)
			return candidate;
	}
	return -1;
}
