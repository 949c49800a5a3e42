/*-------------------------------------------------------------------------
 * notification.h
 *	  Which AECA notification rules a sale triggers.
 *
 * Pure C: no PostgreSQL headers.  Money is in whole cents, rounded down,
 * which keeps "value >= threshold" exact for thresholds in whole cents.
 *
 * IDENTIFICATION
 *	  src/notification.h
 *-------------------------------------------------------------------------
 */
#ifndef FMS_NOTIFICATION_H
#define FMS_NOTIFICATION_H

#include <stdbool.h>
#include <stdint.h>

typedef enum SaleMeasure
{
	MEASURE_MDE = 0,
	MEASURE_ARTICLES_SERVICES,
	MEASURE_DESIGN_CONSTRUCTION,
	MEASURE_FIREARMS,
	MEASURE_COUNT
} SaleMeasure;

extern const char *const sale_measure_names[MEASURE_COUNT];

typedef struct NotificationRule
{
	const char *code;
	const char *program;		/* "FMS", "FMS_AMENDMENT", "DCS" or "MLA" */
	const char *section;
	int			group;			/* index of its country group, -1 for all others */
	SaleMeasure measure;
	int64_t		threshold_cents;
	int			review_days;
	int			informal_review_days;	/* -1 if none */
	int32_t		valid_from;		/* day numbers, [valid_from, valid_to) */
	int32_t		valid_to;		/* PERIOD_OPEN_END while current */
} NotificationRule;

/*
 * An open end of a validity period.  It equals the day number of the date
 * 'infinity', which an open-ended period contains too, as in SQL, where
 * daterange(from, NULL) @> 'infinity'::date.
 */
#define PERIOD_OPEN_END INT32_MAX

static inline bool
period_contains(int32_t valid_from, int32_t valid_to, int32_t day)
{
	return valid_from <= day && (day < valid_to || valid_to == PERIOD_OPEN_END);
}

typedef struct Sale
{
	const char *program;
	int64_t		cents[MEASURE_COUNT];	/* value of each measure */
	const bool *in_group;		/* in_group[g]: the destination is in group g */
	int32_t		on_date;
} Sale;

typedef struct NotificationResult
{
	bool		required;
	const char *section;		/* of the first rule triggered, or NULL */
	int			review_days;	/* longest of the rules triggered, 0 if none */
	int			informal_review_days;	/* longest, -1 if none */
	int			ntriggered;
	SaleMeasure measures[MEASURE_COUNT];	/* in measure order */
	const NotificationRule *rules[MEASURE_COUNT];
} NotificationResult;

/*
 * For each measure, the rule that governs the sale is the one in force on
 * its date for its program whose group the destination is in, or else the
 * one for all others; the measure triggers it at the threshold or above.
 */
extern void notification_evaluate(const NotificationRule *rules, int nrules,
								  const Sale *sale, NotificationResult *result);

#endif							/* FMS_NOTIFICATION_H */
