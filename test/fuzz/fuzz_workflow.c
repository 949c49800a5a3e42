/*
 * libFuzzer target for the workflow machine lookups (src/workflow.c).
 *
 * The input describes a machine (up to 12 states named from a pool, which
 * are initial or not; up to 40 edges between them) and a state name to
 * look up (the rest of the input, any bytes).  A name is found exactly when
 * a state has it, at the first such state; an edge exactly when the machine
 * has one from and to the states asked; the states reachable from a state
 * (or the initial states) are listed each once, in position order.  Any
 * violation aborts, which the fuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "workflow.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
	"development", "write", "review", "proposed", "offered", "accepted",
	"implemented", "supply_complete", "interim_closed", "closed", "cancelled", "w", ""
};

#define NNAMES (sizeof(names) / sizeof(names[0]))

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	WorkflowState states[12];
	WorkflowEdge edges[40];
	WorkflowMachine machine = {"fuzz", 0, states, 0, edges};
	size_t		at = 0;
	int			i;
	int			found;
	const char *query;
	size_t		query_len;

#define NEXT() (at < size ? data[at++] : 0)
	machine.nstates = 1 + NEXT() % 12;
	for (i = 0; i < machine.nstates; i++)
	{
		uint8_t		b = NEXT();

		states[i].name = names[b % NNAMES];
		states[i].is_initial = (b & 0x80) != 0;
		states[i].is_terminal = false;
		states[i].milestone_column = NULL;
	}
	machine.nedges = NEXT() % 41;
	for (i = 0; i < machine.nedges; i++)
	{
		edges[i].from = NEXT() % machine.nstates;
		edges[i].to = NEXT() % machine.nstates;
		edges[i].requires_reason = false;
		edges[i].guard = NULL;
		edges[i].guard_oid = 0;
	}
	query = (const char *) data + at;
	query_len = size - at;

	found = workflow_find_state(&machine, query, query_len);
	for (i = 0; i < machine.nstates; i++)
	{
		int			same = strlen(states[i].name) == query_len && memcmp(states[i].name, query, query_len) == 0;

		if (same && found != i)
			abort();
		if (same)
			break;
		if (found == i)
			abort();
	}
	if (i == machine.nstates && found != -1)
		abort();

	for (int from = -1; from < machine.nstates; from++)
	{
		int			cursor = 0;
		int			expected = 0;
		int			next;

		for (int to = 0; from >= 0 && to < machine.nstates; to++)
		{
			const WorkflowEdge *edge = workflow_find_edge(&machine, from, to);
			const WorkflowEdge *first = NULL;

			for (int e = 0; e < machine.nedges && first == NULL; e++)
				if (edges[e].from == from && edges[e].to == to)
					first = &edges[e];
			if (edge != first)
				abort();
		}
		while ((next = workflow_next_state(&machine, from, &cursor)) >= 0)
		{
			int			reachable = 0;

			if (next < expected || next >= machine.nstates)
				abort();
			for (int s = expected; s < next; s++)
			{
				reachable = from < 0 ? states[s].is_initial : workflow_find_edge(&machine, from, s) != NULL;
				if (reachable)
					abort();	/* skipped a state it should have listed */
			}
			if (from < 0 ? !states[next].is_initial : workflow_find_edge(&machine, from, next) == NULL)
				abort();
			expected = next + 1;
		}
		for (int s = expected; s < machine.nstates; s++)
			if (from < 0 ? states[s].is_initial : workflow_find_edge(&machine, from, s) != NULL)
				abort();
	}
	return 0;
}
