/*-------------------------------------------------------------------------
 * civil_date.c
 *	  Proleptic Gregorian calendar arithmetic on day numbers.
 *
 * The conversions are the well-known closed forms that count 400-year eras
 * of 146097 days from a year starting in March, so that the leap day is the
 * last day of the year.
 *
 * IDENTIFICATION
 *	  src/civil_date.c
 *-------------------------------------------------------------------------
 */
#include "civil_date.h"

/* Days from 0000-03-01 to 2000-01-01. */
#define DAYS_TO_2000 730425

static int32_t
floor_div(int32_t a, int32_t b)
{
	return (a >= 0) ? a / b : -((-a + b - 1) / b);
}

int32_t
civil_days_from_ymd(int year, int month, int day)
{
	int32_t		y = year - (month <= 2);
	int32_t		era = floor_div(y, 400);
	int32_t		year_of_era = y - era * 400;
	int32_t		month_from_march = (month + 9) % 12;
	int32_t		day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
	int32_t		day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

	return era * 146097 + day_of_era - DAYS_TO_2000;
}

void
civil_ymd_from_days(int32_t days, int *year, int *month, int *day)
{
	int32_t		z = days + DAYS_TO_2000;
	int32_t		era = floor_div(z, 146097);
	int32_t		day_of_era = z - era * 146097;
	int32_t		year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
	int32_t		day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	int32_t		month_from_march = (5 * day_of_year + 2) / 153;

	*day = (int) (day_of_year - (153 * month_from_march + 2) / 5 + 1);
	*month = (int) (month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
	*year = (int) (year_of_era + era * 400 + (*month <= 2));
}

int
civil_weekday(int32_t days)
{
	/* 2000-01-01, day 0, was a Saturday (5). */
	int32_t		w = (days + 5) % 7;

	return (int) (w < 0 ? w + 7 : w);
}

int32_t
civil_nth_weekday(int year, int month, int weekday, int nth)
{
	if (nth > 0)
	{
		int32_t		first = civil_days_from_ymd(year, month, 1);

		return first + (weekday - civil_weekday(first) + 7) % 7 + 7 * (nth - 1);
	}
	else
	{
		int32_t		last = civil_days_from_ymd(year + (month == 12), month % 12 + 1, 1) - 1;

		return last - (civil_weekday(last) - weekday + 7) % 7;
	}
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Read exactly n digits at str. */
static bool
read_digits(const char *str, int n, int *value)
{
	int			i;

	*value = 0;
	for (i = 0; i < n; i++)
	{
		if (str[i] < '0' || str[i] > '9')
			return false;
		*value = *value * 10 + (str[i] - '0');
	}
	return true;
}

bool
civil_date_parse_iso(const char *str, size_t len, int32_t *days)
{
	int			year,
				month,
				day,
				y,
				m,
				d;

	while (len > 0 && is_blank(str[len - 1]))
		len--;
	while (len > 0 && is_blank(*str))
	{
		str++;
		len--;
	}
	if (len != 10 || str[4] != '-' || str[7] != '-' ||
		!read_digits(str, 4, &year) || !read_digits(str + 5, 2, &month) ||
		!read_digits(str + 8, 2, &day))
		return false;
	if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31)
		return false;
	*days = civil_days_from_ymd(year, month, day);
	/* A day past the end of its month comes back as another date. */
	civil_ymd_from_days(*days, &y, &m, &d);
	return y == year && m == month && d == day;
}
