/*-------------------------------------------------------------------------
 * transmittal.h
 *	  Congressional notification transmittal numbers.
 *
 * Pure C: no PostgreSQL headers.  The forms seen in the Congressional
 * Record: "20-76" (36(b)(1): two-digit year, hyphen, sequence number),
 * "0G-23" (36(b)(5)(A) report: two letters or digits, hyphen, year) and
 * "20-0J" (36(b)(5)(C) enhancement: year, hyphen, two letters or digits
 * with at least one letter).
 *
 * IDENTIFICATION
 *	  src/transmittal.h
 *-------------------------------------------------------------------------
 */
#ifndef FMS_TRANSMITTAL_H
#define FMS_TRANSMITTAL_H

#include <stddef.h>

typedef enum TransmittalForm
{
	TRANSMITTAL_INVALID = 0,
	TRANSMITTAL_CERTIFICATION,	/* 36(b)(1): YY-N to YY-NNN */
	TRANSMITTAL_REPORT,			/* 36(b)(5)(A): XX-YY */
	TRANSMITTAL_ENHANCEMENT		/* 36(b)(5)(C): YY-XX */
} TransmittalForm;

/*
 * The form of a transmittal number written exactly (uppercase letters, no
 * blanks), for the section it was sent under: "36(b)(1)", "36(b)(5)(A)",
 * "36(b)(5)(C)", or NULL for any.  TRANSMITTAL_INVALID if it fits none.
 */
extern TransmittalForm transmittal_form(const char *str, size_t len, const char *section);

#endif							/* FMS_TRANSMITTAL_H */
