/*-------------------------------------------------------------------------
 * case_id.c
 *	  Parsing and formatting of FMS case identifiers.
 *
 * Packing: each letter-or-digit part is read as base-36 digits with
 * '0'-'9' = 0-9 and 'A'-'Z' = 10-35 (the ASCII order), the agency letter as
 * base 26.  value = ((c0*36 + c1)*26 + agency) * 36^3 + designator, so the
 * integer order of two values is the order of their canonical texts.
 *
 * IDENTIFICATION
 *	  src/case_id.c
 *-------------------------------------------------------------------------
 */
#include "case_id.h"

#include <string.h>

#define DESIGNATOR_SPAN (36 * 36 * 36)

static const char base36_digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static void
trim_blanks(const char **str, size_t *len)
{
	while (*len > 0 && is_blank((*str)[*len - 1]))
		(*len)--;
	while (*len > 0 && is_blank(**str))
	{
		(*str)++;
		(*len)--;
	}
}

/* Rank of a letter or digit in base 36 (any letter case), or -1. */
static int
alnum_rank(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	return -1;
}

/* Rank of a letter in base 26 (any letter case), or -1. */
static int
letter_rank(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	return -1;
}

static int
is_separator(char c)
{
	return c == '-' || is_blank(c);
}

/*
 * Read a part of exactly n letters or digits (n letters if letters_only)
 * from str, which must hold just that part.  Returns 0 if it does not.
 */
static int
read_part(const char *str, size_t len, int n, int letters_only, int32_t *value)
{
	int32_t		v = 0;
	size_t		i;

	if (len != (size_t) n)
		return 0;
	for (i = 0; i < len; i++)
	{
		int			r = letters_only ? letter_rank(str[i]) : alnum_rank(str[i]);

		if (r < 0)
			return 0;
		v = v * (letters_only ? 26 : 36) + r;
	}
	*value = v;
	return 1;
}

static int32_t
pack(int32_t customer, int32_t agency, int32_t designator)
{
	return (customer * 26 + agency) * DESIGNATOR_SPAN + designator;
}

/* The three parts, each given on its own. */
static CaseIdStatus
parse_parts(const char *customer, size_t customer_len,
			const char *agency, size_t agency_len,
			const char *designator, size_t designator_len,
			int32_t *out)
{
	int32_t		c,
				a,
				d;

	if (!read_part(customer, customer_len, CASE_ID_CUSTOMER_LEN, 0, &c))
		return CASE_ID_BAD_CUSTOMER;
	if (!read_part(agency, agency_len, CASE_ID_AGENCY_LEN, 1, &a))
		return CASE_ID_BAD_AGENCY;
	if (!read_part(designator, designator_len, CASE_ID_DESIGNATOR_LEN, 0, &d))
		return CASE_ID_BAD_DESIGNATOR;
	*out = pack(c, a, d);
	return CASE_ID_OK;
}

/*
 * The parts written together ("JADQAB"), or with one separator at a part
 * boundary ("JAD-QAB", "JA-DQAB"): chars holds up to 7 characters without
 * the separator, split_at is where the separator was (0 if none).
 */
static CaseIdStatus
parse_run_together(const char *chars, size_t len, size_t split_at, int32_t *out)
{
	enum
	{
		AGENCY_AT = CASE_ID_CUSTOMER_LEN,
		DESIGNATOR_AT = AGENCY_AT + CASE_ID_AGENCY_LEN,
		END_AT = DESIGNATOR_AT + CASE_ID_DESIGNATOR_LEN
	};
	int32_t		c,
				a,
				d;

	if (len < AGENCY_AT || split_at == 1 ||
		!read_part(chars, CASE_ID_CUSTOMER_LEN, CASE_ID_CUSTOMER_LEN, 0, &c))
		return CASE_ID_BAD_CUSTOMER;
	if (len < DESIGNATOR_AT ||
		!read_part(chars + AGENCY_AT, CASE_ID_AGENCY_LEN, CASE_ID_AGENCY_LEN, 1, &a))
		return CASE_ID_BAD_AGENCY;
	if (len < END_AT || (split_at > DESIGNATOR_AT && split_at < END_AT) ||
		!read_part(chars + DESIGNATOR_AT, CASE_ID_DESIGNATOR_LEN, CASE_ID_DESIGNATOR_LEN, 0, &d))
		return CASE_ID_BAD_DESIGNATOR;
	if (len > END_AT)
		return CASE_ID_TRAILING;
	*out = pack(c, a, d);
	return CASE_ID_OK;
}

CaseIdStatus
case_id_parse(const char *str, size_t len, int32_t *out)
{
	/* Groups of characters between runs of blanks and hyphens. */
	const char *group[4];
	size_t		group_len[4];
	int			ngroups = 0;
	size_t		pos = 0;

	while (len > 0 && is_blank(str[len - 1]))
		len--;
	while (pos < len && is_blank(str[pos]))
		pos++;
	if (pos == len)
		return CASE_ID_EMPTY;
	if (str[pos] == '-')
		return CASE_ID_BAD_CUSTOMER;
	if (str[len - 1] == '-')
		return CASE_ID_TRAILING;

	while (pos < len && ngroups < 4)
	{
		group[ngroups] = str + pos;
		while (pos < len && !is_separator(str[pos]))
			pos++;
		group_len[ngroups] = (size_t) (str + pos - group[ngroups]);
		ngroups++;
		while (pos < len && is_separator(str[pos]))
			pos++;
	}

	if (ngroups >= 3)
	{
		CaseIdStatus status = parse_parts(group[0], group_len[0], group[1], group_len[1],
										  group[2], group_len[2], out);

		return (status == CASE_ID_OK && ngroups > 3) ? CASE_ID_TRAILING : status;
	}
	else
	{
		/* One or two groups: read them as one run of characters. */
		char		chars[CASE_ID_CUSTOMER_LEN + CASE_ID_AGENCY_LEN + CASE_ID_DESIGNATOR_LEN + 1];
		size_t		nchars = 0;
		size_t		total = group_len[0] + (ngroups == 2 ? group_len[1] : 0);
		int			g;

		if (total > sizeof(chars))
			total = sizeof(chars);	/* enough to tell what is wrong */
		for (g = 0; g < ngroups; g++)
		{
			size_t		n = group_len[g];

			if (n > total - nchars)
				n = total - nchars;
			memcpy(chars + nchars, group[g], n);
			nchars += n;
		}
		return parse_run_together(chars, nchars, ngroups == 2 ? group_len[0] : 0, out);
	}
}

CaseIdStatus
case_id_from_parts(const char *customer, size_t customer_len,
				   const char *agency, size_t agency_len,
				   const char *designator, size_t designator_len,
				   int32_t *out)
{
	trim_blanks(&customer, &customer_len);
	trim_blanks(&agency, &agency_len);
	trim_blanks(&designator, &designator_len);
	return parse_parts(customer, customer_len, agency, agency_len,
					   designator, designator_len, out);
}

void
case_id_customer(int32_t id, char buf[CASE_ID_CUSTOMER_LEN + 1])
{
	int32_t		customer = id / DESIGNATOR_SPAN / 26;

	buf[0] = base36_digits[customer / 36];
	buf[1] = base36_digits[customer % 36];
	buf[2] = '\0';
}

void
case_id_agency(int32_t id, char buf[CASE_ID_AGENCY_LEN + 1])
{
	buf[0] = (char) ('A' + id / DESIGNATOR_SPAN % 26);
	buf[1] = '\0';
}

void
case_id_designator(int32_t id, char buf[CASE_ID_DESIGNATOR_LEN + 1])
{
	int32_t		designator = id % DESIGNATOR_SPAN;

	buf[0] = base36_digits[designator / (36 * 36)];
	buf[1] = base36_digits[designator / 36 % 36];
	buf[2] = base36_digits[designator % 36];
	buf[3] = '\0';
}

void
case_id_format(int32_t id, char buf[CASE_ID_TEXT_LEN + 1])
{
	case_id_customer(id, buf);
	buf[2] = '-';
	case_id_agency(id, buf + 3);
	buf[4] = '-';
	case_id_designator(id, buf + 5);
}

int
case_id_is_valid(int32_t id)
{
	return id >= 0 && id < CASE_ID_LIMIT;
}
