/*-------------------------------------------------------------------------
 * usml.c
 *	  Parsing and formatting of U.S. Munitions List references.
 *
 * IDENTIFICATION
 *	  src/usml.c
 *-------------------------------------------------------------------------
 */
#include "usml.h"

#include <string.h>

#define CATEGORY_SHIFT 56

/* Where each paragraph level lives in the packed value, and its limits. */
typedef struct UsmlLevel
{
	int			shift;
	int			width;
	int			max;
	UsmlStatus	error;
} UsmlLevel;

static const UsmlLevel levels[USML_MAX_LEVELS] = {
	{48, 8, 26, USML_BAD_LETTER},
	{32, 16, USML_MAX_NUMBER, USML_BAD_NUMBER},
	{16, 16, USML_MAX_ROMAN, USML_BAD_ROMAN},
	{8, 8, 26, USML_BAD_UPPER},
};

typedef struct RomanDigit
{
	int			value;
	const char *numeral;
} RomanDigit;

static const RomanDigit roman_digits[] = {
	{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
	{100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"},
	{10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"},
};

#define ROMAN_DIGIT_COUNT (sizeof(roman_digits) / sizeof(roman_digits[0]))
#define ROMAN_TEXT_MAX 16		/* "mmmdccclxxxviii" is 15 */

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static char
to_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
}

static char
to_upper(char c)
{
	return (c >= 'a' && c <= 'z') ? (char) (c - 'a' + 'A') : c;
}

/* Write value (1-3999) as a Roman numeral; returns its length. */
static size_t
roman_format(int value, int upper, char *buf)
{
	size_t		n = 0;
	size_t		i;

	for (i = 0; i < ROMAN_DIGIT_COUNT; i++)
	{
		while (value >= roman_digits[i].value)
		{
			const char *p;

			for (p = roman_digits[i].numeral; *p; p++)
				buf[n++] = upper ? to_upper(*p) : *p;
			value -= roman_digits[i].value;
		}
	}
	buf[n] = '\0';
	return n;
}

/*
 * Read a Roman numeral in canonical form only ("iv", never "iiii"), so that
 * formatting gives back the input.  Returns its value, or 0 if invalid or
 * above max.  With lower_only, uppercase letters are refused.
 */
static int
roman_parse(const char *str, size_t len, int lower_only, int max)
{
	char		lower[ROMAN_TEXT_MAX];
	char		canonical[ROMAN_TEXT_MAX];
	size_t		pos = 0;
	size_t		i;
	int			value = 0;

	if (len == 0 || len >= ROMAN_TEXT_MAX)
		return 0;
	for (i = 0; i < len; i++)
	{
		if (lower_only && str[i] != to_lower(str[i]))
			return 0;
		lower[i] = to_lower(str[i]);
	}

	for (i = 0; i < ROMAN_DIGIT_COUNT; i++)
	{
		size_t		n = strlen(roman_digits[i].numeral);

		while (pos + n <= len && memcmp(lower + pos, roman_digits[i].numeral, n) == 0)
		{
			value += roman_digits[i].value;
			pos += n;
		}
	}
	if (pos != len || value < 1 || value > max)
		return 0;
	if (roman_format(value, 0, canonical) != len || memcmp(canonical, lower, len) != 0)
		return 0;
	return value;
}

/* Read a decimal number without sign or leading zeros; 0 if invalid. */
static int
number_parse(const char *str, size_t len, int max)
{
	int			value = 0;
	size_t		i;

	if (len == 0 || str[0] == '0')
		return 0;
	for (i = 0; i < len; i++)
	{
		if (str[i] < '0' || str[i] > '9')
			return 0;
		value = value * 10 + (str[i] - '0');
		if (value > max)
			return 0;
	}
	return value;
}

/* Value of the text between the parentheses at paragraph level (0-3). */
static int
level_parse(int level, const char *str, size_t len)
{
	switch (level)
	{
		case 0:
			return (len == 1 && str[0] >= 'a' && str[0] <= 'z') ? str[0] - 'a' + 1 : 0;
		case 1:
			return number_parse(str, len, USML_MAX_NUMBER);
		case 2:
			return roman_parse(str, len, 1, USML_MAX_ROMAN);
		default:
			return (len == 1 && str[0] >= 'A' && str[0] <= 'Z') ? str[0] - 'A' + 1 : 0;
	}
}

/* Skip "Category", "Cat" or "Cat." (any case) and the blanks after it. */
static void
skip_prefix(const char *str, size_t len, size_t *pos)
{
	static const char *const prefixes[] = {"category", "cat"};
	size_t		i;

	for (i = 0; i < 2; i++)
	{
		size_t		n = strlen(prefixes[i]);
		size_t		k;

		if (len - *pos < n)
			continue;
		for (k = 0; k < n; k++)
			if (to_lower(str[*pos + k]) != prefixes[i][k])
				break;
		if (k < n)
			continue;
		*pos += n;
		if (*pos < len && str[*pos] == '.')
			(*pos)++;
		while (*pos < len && is_blank(str[*pos]))
			(*pos)++;
		return;
	}
}

static int
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

UsmlStatus
usml_parse(const char *str, size_t len, int64_t *out)
{
	size_t		pos = 0;
	size_t		start;
	int			category;
	int			level;
	uint64_t	ref;

	while (len > 0 && is_blank(str[len - 1]))
		len--;
	while (pos < len && is_blank(str[pos]))
		pos++;
	skip_prefix(str, len, &pos);
	if (pos == len)
		return USML_EMPTY;

	start = pos;
	while (pos < len && is_letter(str[pos]))
		pos++;
	category = roman_parse(str + start, pos - start, 0, USML_MAX_CATEGORY);
	if (category == 0)
		return USML_BAD_CATEGORY;
	ref = (uint64_t) category << CATEGORY_SHIFT;

	for (level = 0; pos < len; level++)
	{
		const char *close;
		int			value;

		if (str[pos] != '(')
			return USML_NOT_PARAGRAPH;
		if (level == USML_MAX_LEVELS)
			return USML_TOO_DEEP;
		close = memchr(str + pos + 1, ')', len - pos - 1);
		if (close == NULL)
			return USML_UNCLOSED;
		value = level_parse(level, str + pos + 1, (size_t) (close - (str + pos + 1)));
		if (value == 0)
			return levels[level].error;
		ref |= (uint64_t) value << levels[level].shift;
		pos = (size_t) (close - str) + 1;
	}

	*out = (int64_t) ref;
	return USML_OK;
}

static int
level_value(int64_t ref, int level)
{
	return (int) (((uint64_t) ref >> levels[level].shift) & ((UINT64_C(1) << levels[level].width) - 1));
}

int
usml_paragraph(int64_t ref, int level)
{
	return (level >= 1 && level <= USML_MAX_LEVELS) ? level_value(ref, level - 1) : 0;
}

int
usml_category(int64_t ref)
{
	return (int) ((uint64_t) ref >> CATEGORY_SHIFT);
}

int
usml_depth(int64_t ref)
{
	int			depth = 0;

	while (depth < USML_MAX_LEVELS && level_value(ref, depth) != 0)
		depth++;
	return depth;
}

void
usml_format(int64_t ref, char buf[USML_TEXT_MAX])
{
	size_t		n = roman_format(usml_category(ref), 1, buf);
	int			depth = usml_depth(ref);
	int			level;

	for (level = 0; level < depth; level++)
	{
		int			value = level_value(ref, level);

		buf[n++] = '(';
		switch (level)
		{
			case 0:
				buf[n++] = (char) ('a' + value - 1);
				break;
			case 1:
				{
					char		digits[8];
					int			k = 0;

					while (value > 0)
					{
						digits[k++] = (char) ('0' + value % 10);
						value /= 10;
					}
					while (k > 0)
						buf[n++] = digits[--k];
				}
				break;
			case 2:
				n += roman_format(value, 0, buf + n);
				break;
			default:
				buf[n++] = (char) ('A' + value - 1);
				break;
		}
		buf[n++] = ')';
	}
	buf[n] = '\0';
}

/* Mask keeping the category and the first depth paragraph levels. */
static uint64_t
prefix_mask(int depth)
{
	int			low = depth == 0 ? CATEGORY_SHIFT : levels[depth - 1].shift;

	return ~((UINT64_C(1) << low) - 1);
}

int
usml_contains(int64_t outer, int64_t inner)
{
	return ((uint64_t) inner & prefix_mask(usml_depth(outer))) == (uint64_t) outer;
}

int
usml_is_valid(int64_t ref)
{
	int			category = usml_category(ref);
	int			depth;
	int			level;

	if (ref < 0 || category < 1 || category > USML_MAX_CATEGORY)
		return 0;
	depth = usml_depth(ref);
	for (level = 0; level < depth; level++)
		if (level_value(ref, level) > levels[level].max)
			return 0;
	/* Nothing may be set below the deepest level, reserved bits included. */
	return ((uint64_t) ref & ~prefix_mask(depth)) == 0;
}
