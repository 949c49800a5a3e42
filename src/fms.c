/*-------------------------------------------------------------------------
 * fms.c
 *	  Module magic block of the fms extension.
 *
 * IDENTIFICATION
 *	  src/fms.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

#ifdef PG_MODULE_MAGIC_EXT
PG_MODULE_MAGIC_EXT(.name = "fms",.version = FMS_VERSION);
#else
PG_MODULE_MAGIC;
#endif
