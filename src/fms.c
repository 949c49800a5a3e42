/*-------------------------------------------------------------------------
 * fms.c
 *	  Module magic block and load-time set-up of the fms extension.
 *
 * IDENTIFICATION
 *	  src/fms.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

#include "fms.h"
#include "statement_end.h"

#ifdef PG_MODULE_MAGIC_EXT
PG_MODULE_MAGIC_EXT(.name = "fms",.version = FMS_VERSION);
#else
PG_MODULE_MAGIC;
#endif

void		_PG_init(void);

void
_PG_init(void)
{
	fms_define_settings();
	statement_end_install();
}
