/*-------------------------------------------------------------------------
 * notification.c
 *	  Which AECA notification rules a sale triggers; see notification.h.
 *
 * IDENTIFICATION
 *	  src/notification.c
 *-------------------------------------------------------------------------
 */
#include "notification.h"

#include <string.h>

const char *const sale_measure_names[MEASURE_COUNT] = {
	"mde", "articles_services", "design_construction", "firearms"
};

static bool
in_force(const NotificationRule *rule, const Sale *sale, SaleMeasure measure)
{
	return rule->measure == measure && strcmp(rule->program, sale->program) == 0 &&
		period_contains(rule->valid_from, rule->valid_to, sale->on_date);
}

/* The rule governing one measure of the sale, or NULL. */
static const NotificationRule *
governing_rule(const NotificationRule *rules, int nrules, const Sale *sale, SaleMeasure measure)
{
	const NotificationRule *fallback = NULL;
	int			i;

	for (i = 0; i < nrules; i++)
	{
		const NotificationRule *rule = &rules[i];

		if (!in_force(rule, sale, measure))
			continue;
		if (rule->group < 0)
			fallback = rule;
		else if (sale->in_group[rule->group])
			return rule;
	}
	return fallback;
}

void
notification_evaluate(const NotificationRule *rules, int nrules,
					  const Sale *sale, NotificationResult *result)
{
	int			m;

	memset(result, 0, sizeof(*result));
	result->informal_review_days = -1;
	for (m = 0; m < MEASURE_COUNT; m++)
	{
		const NotificationRule *rule = governing_rule(rules, nrules, sale, (SaleMeasure) m);

		if (rule == NULL || sale->cents[m] < rule->threshold_cents)
			continue;
		if (!result->required)
			result->section = rule->section;
		result->required = true;
		if (rule->review_days > result->review_days)
			result->review_days = rule->review_days;
		if (rule->informal_review_days > result->informal_review_days)
			result->informal_review_days = rule->informal_review_days;
		result->measures[result->ntriggered] = (SaleMeasure) m;
		result->rules[result->ntriggered] = rule;
		result->ntriggered++;
	}
}
