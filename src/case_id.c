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

#define DESIGNATOR_SPAN (36 * 36 * 36)

static const char base36_digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
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

/*
 * Read exactly n letters or digits at *pos (n letters if letters_only) and
 * accumulate them into *value.  Returns 0 if they are not there.
 */
static int
read_part(const char *str, size_t len, size_t *pos, int n, int letters_only,
		  int32_t *value)
{
	int32_t		v = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		int			r;

		if (*pos >= len)
			return 0;
		r = letters_only ? letter_rank(str[*pos]) : alnum_rank(str[*pos]);
		if (r < 0)
			return 0;
		v = v * (letters_only ? 26 : 36) + r;
		(*pos)++;
	}
	*value = v;
	return 1;
}

/* Skip a separator: blanks, at most one '-', blanks. */
static void
skip_separator(const char *str, size_t len, size_t *pos)
{
	while (*pos < len && is_blank(str[*pos]))
		(*pos)++;
	if (*pos < len && str[*pos] == '-')
		(*pos)++;
	while (*pos < len && is_blank(str[*pos]))
		(*pos)++;
}

static int32_t
pack(int32_t customer, int32_t agency, int32_t designator)
{
	return (customer * 26 + agency) * DESIGNATOR_SPAN + designator;
}

CaseIdStatus
case_id_parse(const char *str, size_t len, int32_t *out)
{
	size_t		pos = 0;
	int32_t		customer,
				agency,
				designator;

	while (len > 0 && is_blank(str[len - 1]))
		len--;
	while (pos < len && is_blank(str[pos]))
		pos++;
	if (pos == len)
		return CASE_ID_EMPTY;

	if (!read_part(str, len, &pos, CASE_ID_CUSTOMER_LEN, 0, &customer))
		return CASE_ID_BAD_CUSTOMER;
	skip_separator(str, len, &pos);
	if (!read_part(str, len, &pos, CASE_ID_AGENCY_LEN, 1, &agency))
		return CASE_ID_BAD_AGENCY;
	skip_separator(str, len, &pos);
	if (!read_part(str, len, &pos, CASE_ID_DESIGNATOR_LEN, 0, &designator))
		return CASE_ID_BAD_DESIGNATOR;
	if (pos != len)
		return CASE_ID_TRAILING;

	*out = pack(customer, agency, designator);
	return CASE_ID_OK;
}

/* Parse a part given on its own: surrounding blanks allowed, nothing else. */
static int
parse_lone_part(const char *str, size_t len, int n, int letters_only,
				int32_t *value)
{
	size_t		pos = 0;

	while (len > 0 && is_blank(str[len - 1]))
		len--;
	while (pos < len && is_blank(str[pos]))
		pos++;
	return read_part(str, len, &pos, n, letters_only, value) && pos == len;
}

CaseIdStatus
case_id_from_parts(const char *customer, size_t customer_len,
				   const char *agency, size_t agency_len,
				   const char *designator, size_t designator_len,
				   int32_t *out)
{
	int32_t		c,
				a,
				d;

	if (!parse_lone_part(customer, customer_len, CASE_ID_CUSTOMER_LEN, 0, &c))
		return CASE_ID_BAD_CUSTOMER;
	if (!parse_lone_part(agency, agency_len, CASE_ID_AGENCY_LEN, 1, &a))
		return CASE_ID_BAD_AGENCY;
	if (!parse_lone_part(designator, designator_len, CASE_ID_DESIGNATOR_LEN, 0, &d))
		return CASE_ID_BAD_DESIGNATOR;
	*out = pack(c, a, d);
	return CASE_ID_OK;
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
