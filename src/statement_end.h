/*-------------------------------------------------------------------------
 * statement_end.h
 *	  The end of each statement that can fire row triggers (see
 *	  statement_end.c).
 *
 * IDENTIFICATION
 *	  src/statement_end.h
 *-------------------------------------------------------------------------
 */
#ifndef FMS_STATEMENT_END_H
#define FMS_STATEMENT_END_H

/* Install the hooks that mark where statements end (from _PG_init). */
extern void statement_end_install(void);

/*
 * How many statements seen to begin are running, nested: 0 outside any,
 * else the innermost one's depth, at whose end transition_log_flush(depth)
 * is called.
 */
extern int	statement_end_depth(void);

#endif							/* FMS_STATEMENT_END_H */
