/*-------------------------------------------------------------------------
 * case_id.h
 *	  Parsing and formatting of FMS case identifiers ("JA-D-QAB").
 *
 * Pure C: no PostgreSQL headers, so the parser can be unit-tested and
 * fuzzed on its own.  A case identifier is packed into 31 bits so that the
 * SQL type is a pass-by-value int4 whose integer order equals the order of
 * the canonical text.
 *
 * IDENTIFICATION
 *	  src/case_id.h
 *-------------------------------------------------------------------------
 */
#ifndef FMS_CASE_ID_H
#define FMS_CASE_ID_H

#include <stddef.h>
#include <stdint.h>

/* Canonical text "CC-A-DDD": 8 characters. */
#define CASE_ID_TEXT_LEN 8

#define CASE_ID_CUSTOMER_LEN 2
#define CASE_ID_AGENCY_LEN 1
#define CASE_ID_DESIGNATOR_LEN 3

/* Every valid packed value is in [0, CASE_ID_LIMIT). */
#define CASE_ID_LIMIT INT32_C(1572120576)	/* 36^2 * 26 * 36^3 */

typedef enum CaseIdStatus
{
	CASE_ID_OK = 0,
	CASE_ID_EMPTY,				/* nothing but blanks */
	CASE_ID_BAD_CUSTOMER,		/* first part is not 2 letters or digits */
	CASE_ID_BAD_AGENCY,			/* second part is not 1 letter */
	CASE_ID_BAD_DESIGNATOR,		/* third part is not 3 letters or digits */
	CASE_ID_TRAILING			/* something follows the designator */
} CaseIdStatus;

/*
 * Parse len bytes of str (need not be NUL-terminated).  Accepts any letter
 * case, surrounding blanks, and a '-' or blanks (or nothing) between the
 * parts.  On CASE_ID_OK stores the packed value in *out.
 */
extern CaseIdStatus case_id_parse(const char *str, size_t len, int32_t *out);

/*
 * Build a value from its three parts given separately (each may carry
 * surrounding blanks and any letter case).  Reports the first bad part.
 */
extern CaseIdStatus case_id_from_parts(const char *customer, size_t customer_len,
									   const char *agency, size_t agency_len,
									   const char *designator, size_t designator_len,
									   int32_t *out);

/* Write the canonical text and a terminating NUL into buf. */
extern void case_id_format(int32_t id, char buf[CASE_ID_TEXT_LEN + 1]);

/* Copy one part (customer, agency or designator) plus a NUL into buf. */
extern void case_id_customer(int32_t id, char buf[CASE_ID_CUSTOMER_LEN + 1]);
extern void case_id_agency(int32_t id, char buf[CASE_ID_AGENCY_LEN + 1]);
extern void case_id_designator(int32_t id, char buf[CASE_ID_DESIGNATOR_LEN + 1]);

/* True if id is a value case_id_parse could have produced. */
extern int	case_id_is_valid(int32_t id);

#endif							/* FMS_CASE_ID_H */
