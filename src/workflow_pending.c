/*-------------------------------------------------------------------------
 * workflow_pending.c
 *	  Status changes between the workflow's two triggers.
 *
 * fms.enforce_workflow() decides a change BEFORE the row is written, but
 * only fms.verify_workflow(), AFTER it, knows that the row was written, and
 * as what: an INSERT ... ON CONFLICT may write nothing, and a later BEFORE
 * trigger may skip the row or change it.  So the BEFORE trigger remembers
 * the change here, keyed by table and primary key, and the AFTER trigger
 * logs it once it has checked the row as written.  A change whose row was
 * never written is never logged.
 *
 * Changes live in the transaction's memory.  A subtransaction's changes
 * pass to its parent when it commits and are forgotten when it aborts, as
 * are the rows they belong to.
 *
 * IDENTIFICATION
 *	  src/workflow_pending.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "common/hashfn.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"

#include "workflow_pending.h"

typedef struct PendingKey
{
	Oid			relid;
	uint32		row_key_hash;	/* rows whose keys hash alike share a slot */
} PendingKey;

typedef struct PendingSlot
{
	PendingKey	key;			/* hash key */
	SubTransactionId subid;		/* the subtransaction that made the change */
	PendingChange change;
} PendingSlot;

static HTAB *pending = NULL;
static MemoryContext pending_memory = NULL;

static char *
copy_text(const char *s)
{
	return s ? MemoryContextStrdup(pending_memory, s) : NULL;
}

static void
free_change(PendingChange *change)
{
	pfree(change->row_key);
	pfree(change->machine);
	if (change->from_state)
		pfree(change->from_state);
	pfree(change->to_state);
	pfree(change->actor);
	if (change->reason)
		pfree(change->reason);
}

static PendingKey
pending_key(Oid relid, const char *row_key)
{
	PendingKey	key;

	memset(&key, 0, sizeof(key));
	key.relid = relid;
	key.row_key_hash = DatumGetUInt32(hash_any((const unsigned char *) row_key, strlen(row_key)));
	return key;
}

static void
at_xact_end(XactEvent event, void *arg)
{
	pending = NULL;
	pending_memory = NULL;		/* freed with the transaction's memory */
}

static void
at_subxact_end(SubXactEvent event, SubTransactionId subid, SubTransactionId parent_subid, void *arg)
{
	HASH_SEQ_STATUS scan;
	PendingSlot *slot;

	if (pending == NULL || (event != SUBXACT_EVENT_COMMIT_SUB && event != SUBXACT_EVENT_ABORT_SUB))
		return;
	hash_seq_init(&scan, pending);
	while ((slot = hash_seq_search(&scan)) != NULL)
	{
		if (slot->subid != subid)
			continue;
		if (event == SUBXACT_EVENT_COMMIT_SUB)
			slot->subid = parent_subid;
		else
		{
			free_change(&slot->change);
			hash_search(pending, &slot->key, HASH_REMOVE, NULL);
		}
	}
}

void
pending_change_remember(const PendingChange *change)
{
	static bool callbacks_registered = false;
	PendingKey	key = pending_key(change->relid, change->row_key);
	PendingSlot *slot;
	bool		found;

	if (!callbacks_registered)
	{
		RegisterXactCallback(at_xact_end, NULL);
		RegisterSubXactCallback(at_subxact_end, NULL);
		callbacks_registered = true;
	}
	if (pending == NULL)
	{
		HASHCTL		ctl;

		pending_memory = AllocSetContextCreate(TopTransactionContext, "fms pending status changes",
											   ALLOCSET_SMALL_SIZES);
		ctl.keysize = sizeof(PendingKey);
		ctl.entrysize = sizeof(PendingSlot);
		ctl.hcxt = pending_memory;
		pending = hash_create("fms pending status changes", 64, &ctl,
							  HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	}
	slot = hash_search(pending, &key, HASH_ENTER, &found);
	if (found)
		free_change(&slot->change);
	slot->subid = GetCurrentSubTransactionId();
	slot->change = *change;
	slot->change.row_key = copy_text(change->row_key);
	slot->change.machine = copy_text(change->machine);
	slot->change.from_state = copy_text(change->from_state);
	slot->change.to_state = copy_text(change->to_state);
	slot->change.actor = copy_text(change->actor);
	slot->change.reason = copy_text(change->reason);
}

const PendingChange *
pending_change_find(Oid relid, const char *row_key)
{
	PendingKey	key;
	PendingSlot *slot;

	if (pending == NULL)
		return NULL;
	key = pending_key(relid, row_key);
	slot = hash_search(pending, &key, HASH_FIND, NULL);
	if (slot == NULL || strcmp(slot->change.row_key, row_key) != 0)
		return NULL;
	return &slot->change;
}

void
pending_change_forget(Oid relid, const char *row_key)
{
	PendingKey	key;
	PendingSlot *slot;

	if (pending == NULL)
		return;
	key = pending_key(relid, row_key);
	slot = hash_search(pending, &key, HASH_FIND, NULL);
	if (slot == NULL || strcmp(slot->change.row_key, row_key) != 0)
		return;
	free_change(&slot->change);
	hash_search(pending, &key, HASH_REMOVE, NULL);
}
