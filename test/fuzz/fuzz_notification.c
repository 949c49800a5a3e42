/*
 * libFuzzer target for the congressional notification rule evaluator
 * (src/notification.c).
 *
 * The input describes up to eight rules (program, measure, country group,
 * threshold, review days, validity period) and a sale (program, the value
 * of each measure, the groups its destination is in, a date).  The result
 * must be well formed: required exactly when a measure triggered, the
 * measures in order, each triggering rule one of the rules given, in force
 * for the sale's program, measure and date, with a threshold the value
 * reaches; the section that of the first, the review days the longest.
 * A measure triggers exactly when its governing rule (the first in force
 * for one of the destination's groups, else the last in force for all
 * others) has a threshold its value reaches.  Raising a measure's value
 * never stops it triggering.  Any violation
 * aborts, which the fuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "notification.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_RULES 8
#define GROUPS 4

static const char *const programs[] = {"FMS", "FMS_AMENDMENT", "DCS", "MLA"};
static const char *const section_names[] = {"36(b)(1)", "36(b)(5)(C)", "36(c)", "36(d)"};

typedef struct Reader
{
	const uint8_t *data;
	size_t		size;
	size_t		at;
} Reader;

static uint8_t
next_byte(Reader *r)
{
	return r->at < r->size ? r->data[r->at++] : 0;
}

static int64_t
next_amount(Reader *r)
{
	/* Cents from $0 to about $2.8 billion, small values as likely as big. */
	int			shift = next_byte(r) % 40;

	return ((int64_t) next_byte(r) << shift) + next_byte(r);
}

/* The governing rule of a measure, as notification.h describes it. */
static const NotificationRule *
governing(const NotificationRule *rules, int nrules, const Sale *sale, SaleMeasure m)
{
	const NotificationRule *for_all = NULL;
	int			i;

	for (i = 0; i < nrules; i++)
	{
		if (rules[i].measure != m || strcmp(rules[i].program, sale->program) != 0 ||
			!period_contains(rules[i].valid_from, rules[i].valid_to, sale->on_date))
			continue;
		if (rules[i].group < 0)
			for_all = &rules[i];
		else if (sale->in_group[rules[i].group])
			return &rules[i];
	}
	return for_all;
}

static void
check(const NotificationRule *rules, int nrules, const Sale *sale, const NotificationResult *result)
{
	int			longest = 0;
	int			longest_informal = -1;
	int			i;

	if (result->required != (result->ntriggered > 0) || result->ntriggered > MEASURE_COUNT)
		abort();
	for (i = 0; i < result->ntriggered; i++)
	{
		const NotificationRule *rule = result->rules[i];
		SaleMeasure m = result->measures[i];

		if (i > 0 && result->measures[i - 1] >= m)
			abort();
		if (rule < rules || rule >= rules + nrules)
			abort();
		if (rule->measure != m || strcmp(rule->program, sale->program) != 0 ||
			!period_contains(rule->valid_from, rule->valid_to, sale->on_date) ||
			sale->cents[m] < rule->threshold_cents)
			abort();
		if (rule->group >= 0 && !sale->in_group[rule->group])
			abort();
		if (rule->review_days > longest)
			longest = rule->review_days;
		if (rule->informal_review_days > longest_informal)
			longest_informal = rule->informal_review_days;
	}
	if (result->review_days != longest || result->informal_review_days != longest_informal)
		abort();
	for (i = 0; i < MEASURE_COUNT; i++)
	{
		const NotificationRule *rule = governing(rules, nrules, sale, (SaleMeasure) i);
		bool		triggers = rule != NULL && sale->cents[i] >= rule->threshold_cents;
		bool		triggered = false;
		int			j;

		for (j = 0; j < result->ntriggered; j++)
			if (result->measures[j] == (SaleMeasure) i)
				triggered = result->rules[j] == rule;
		if (triggers != triggered)
			abort();
	}
	if (result->required ? result->section != result->rules[0]->section : result->section != NULL)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Reader		r = {data, size, 0};
	NotificationRule rules[MAX_RULES];
	bool		in_group[GROUPS];
	Sale		sale;
	NotificationResult result;
	NotificationResult raised;
	int			nrules = next_byte(&r) % (MAX_RULES + 1);
	int			i;

	for (i = 0; i < nrules; i++)
	{
		NotificationRule *rule = &rules[i];
		int32_t		from = 9000 + next_byte(&r);
		uint8_t		span = next_byte(&r);

		rule->code = "FUZZ";
		rule->program = programs[next_byte(&r) % 4];
		rule->section = section_names[next_byte(&r) % 4];
		rule->group = (int) (next_byte(&r) % (GROUPS + 1)) - 1;
		rule->measure = (SaleMeasure) (next_byte(&r) % MEASURE_COUNT);
		rule->threshold_cents = next_amount(&r);
		rule->review_days = 1 + next_byte(&r) % 60;
		rule->informal_review_days = (int) (next_byte(&r) % 41) - 1;
		rule->valid_from = from;
		rule->valid_to = span == 0 ? PERIOD_OPEN_END : from + span;
	}
	for (i = 0; i < GROUPS; i++)
		in_group[i] = next_byte(&r) & 1;
	sale.program = programs[next_byte(&r) % 4];
	for (i = 0; i < MEASURE_COUNT; i++)
		sale.cents[i] = next_amount(&r);
	sale.in_group = in_group;
	sale.on_date = 9000 + next_byte(&r) + next_byte(&r);

	notification_evaluate(rules, nrules, &sale, &result);
	check(rules, nrules, &sale, &result);

	/* More of every measure: whatever triggered still does. */
	for (i = 0; i < MEASURE_COUNT; i++)
		sale.cents[i] += 1 + next_byte(&r);
	notification_evaluate(rules, nrules, &sale, &raised);
	check(rules, nrules, &sale, &raised);
	for (i = 0; i < result.ntriggered; i++)
	{
		int			j;
		bool		still = false;

		for (j = 0; j < raised.ntriggered; j++)
			still |= raised.measures[j] == result.measures[i];
		if (!still)
			abort();
	}
	return 0;
}
