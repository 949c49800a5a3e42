/*-------------------------------------------------------------------------
 * civil_date.h
 *	  Proleptic Gregorian calendar arithmetic on day numbers.
 *
 * Pure C: no PostgreSQL headers.  A day number counts days from
 * 2000-01-01, as PostgreSQL's DateADT does, so values pass through as is.
 *
 * IDENTIFICATION
 *	  src/civil_date.h
 *-------------------------------------------------------------------------
 */
#ifndef FMS_CIVIL_DATE_H
#define FMS_CIVIL_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Day number of year-month-day (no range check). */
extern int32_t civil_days_from_ymd(int year, int month, int day);

/* Year, month and day of a day number. */
extern void civil_ymd_from_days(int32_t days, int *year, int *month, int *day);

/* Day of the week: 0 = Monday ... 6 = Sunday. */
extern int	civil_weekday(int32_t days);

/* The nth (1-5) given weekday (0 = Monday) of a month, or its last (nth = -1). */
extern int32_t civil_nth_weekday(int year, int month, int weekday, int nth);

/*
 * Read an ISO 8601 calendar date "YYYY-MM-DD" (len bytes, surrounding
 * blanks allowed) with a year from 1 to 9999.  Returns false if it is not
 * one, or names a day that does not exist.
 */
extern bool civil_date_parse_iso(const char *str, size_t len, int32_t *days);

#endif							/* FMS_CIVIL_DATE_H */
