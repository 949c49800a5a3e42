/*-------------------------------------------------------------------------
 * usml.h
 *	  Parsing and formatting of U.S. Munitions List references such as
 *	  "XI(a)(3)(i)(A)" (22 CFR 121.1).
 *
 * Pure C: no PostgreSQL headers.  A reference is packed into a
 * non-negative 64-bit integer whose order is the reading order of the USML:
 * by category, then paragraph by paragraph, a parent before its children.
 *
 *	bits 56-63	category, 1-21
 *	bits 48-55	first level, a lowercase letter: 1-26, 0 if absent
 *	bits 32-47	second level, a number: 1-9999, 0 if absent
 *	bits 16-31	third level, a lowercase Roman numeral: 1-3999, 0 if absent
 *	bits  8-15	fourth level, an uppercase letter: 1-26, 0 if absent
 *	bits  0-7	reserved, always zero
 *
 * IDENTIFICATION
 *	  src/usml.h
 *-------------------------------------------------------------------------
 */
#ifndef FMS_USML_H
#define FMS_USML_H

#include <stddef.h>
#include <stdint.h>

#define USML_MAX_CATEGORY 21
#define USML_MAX_LEVELS 4
#define USML_MAX_NUMBER 9999
#define USML_MAX_ROMAN 3999

/* Longest canonical text: "XVIII(a)(9999)(mmmdccclxxxviii)(A)" is 34. */
#define USML_TEXT_MAX 40

typedef enum UsmlStatus
{
	USML_OK = 0,
	USML_EMPTY,					/* nothing but blanks (or a bare prefix) */
	USML_BAD_CATEGORY,			/* not a Roman numeral from I to XXI */
	USML_BAD_LETTER,			/* first level is not (a)-(z) */
	USML_BAD_NUMBER,			/* second level is not (1)-(9999) */
	USML_BAD_ROMAN,				/* third level is not (i)-(mmmcmxcix) */
	USML_BAD_UPPER,				/* fourth level is not (A)-(Z) */
	USML_TOO_DEEP,				/* a fifth paragraph level */
	USML_UNCLOSED,				/* "(" without ")" */
	USML_NOT_PARAGRAPH			/* text that is not a "(...)" paragraph */
} UsmlStatus;

/*
 * Parse len bytes of str (need not be NUL-terminated).  Accepts surrounding
 * blanks, a "Cat", "Cat." or "Category" prefix in any letter case, and the
 * category in any letter case.  On USML_OK stores the packed value in *out.
 */
extern UsmlStatus usml_parse(const char *str, size_t len, int64_t *out);

/* Write the canonical text and a terminating NUL into buf. */
extern void usml_format(int64_t ref, char buf[USML_TEXT_MAX]);

/* The category, 1-21. */
extern int	usml_category(int64_t ref);

/* The value at paragraph level 1-4 (letters and numerals as numbers:
 * (a) = 1, (3) = 3, (iv) = 4, (B) = 2), or 0 if the reference stops above. */
extern int	usml_paragraph(int64_t ref, int level);

/* Number of paragraph levels, 0-4. */
extern int	usml_depth(int64_t ref);

/* True if outer equals inner or is one of its ancestors. */
extern int	usml_contains(int64_t outer, int64_t inner);

/* True if ref is a value usml_parse could have produced. */
extern int	usml_is_valid(int64_t ref);

#endif							/* FMS_USML_H */
