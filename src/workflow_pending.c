/*-------------------------------------------------------------------------
 * workflow_pending.c
 *	  Status changes between the workflow's two triggers.
 *
 * fms.enforce_workflow() decides a change BEFORE the row is written, but
 * only fms.verify_workflow(), AFTER it, knows that the row was written, and
 * as what: an INSERT ... ON CONFLICT may write nothing, and a later BEFORE
 * trigger may skip the row or change it.  So the BEFORE trigger remembers
 * the change here, and the AFTER trigger logs it once it has checked the
 * row as written.  A change whose row was never written is never logged.
 *
 * Changes are filed by table and primary key; one key may have several
 * (one statement may try a key twice, a trigger may move a row on while
 * its first change waits), told apart by their reserved log ids.
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
#include "nodes/pg_list.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"

#include "workflow_pending.h"

typedef struct PendingKey
{
	Oid			relid;
	uint32		row_key_hash;
} PendingKey;

typedef struct PendingItem
{
	SubTransactionId subid;		/* the subtransaction that made the change */
	PendingChange change;
} PendingItem;

/* The changes of the keys whose text hashes alike, oldest first. */
typedef struct PendingSlot
{
	PendingKey	key;			/* hash key */
	List	   *items;			/* of PendingItem */
} PendingSlot;

static HTAB *pending = NULL;
static MemoryContext pending_memory = NULL;

static char *
copy_text(const char *s)
{
	return s ? MemoryContextStrdup(pending_memory, s) : NULL;
}

static void
free_item(PendingItem *item)
{
	PendingChange *change = &item->change;

	pfree(change->row_key);
	pfree(change->machine);
	if (change->from_state)
		pfree(change->from_state);
	pfree(change->to_state);
	pfree(change->actor);
	if (change->reason)
		pfree(change->reason);
	pfree(item);
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
		ListCell   *cell;

		foreach(cell, slot->items)
		{
			PendingItem *item = (PendingItem *) lfirst(cell);

			if (item->subid != subid)
				continue;
			if (event == SUBXACT_EVENT_COMMIT_SUB)
				item->subid = parent_subid;
			else
			{
				slot->items = foreach_delete_current(slot->items, cell);
				free_item(item);
			}
		}
	}
}

void
pending_change_remember(const PendingChange *change)
{
	static bool callbacks_registered = false;
	PendingKey	key = pending_key(change->relid, change->row_key);
	PendingSlot *slot;
	PendingItem *item;
	MemoryContext old_context;
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
	if (!found)
		slot->items = NIL;
	old_context = MemoryContextSwitchTo(pending_memory);
	item = palloc(sizeof(PendingItem));
	item->subid = GetCurrentSubTransactionId();
	item->change = *change;
	item->change.row_key = copy_text(change->row_key);
	item->change.machine = copy_text(change->machine);
	item->change.from_state = copy_text(change->from_state);
	item->change.to_state = copy_text(change->to_state);
	item->change.actor = copy_text(change->actor);
	item->change.reason = copy_text(change->reason);
	slot->items = lappend(slot->items, item);
	MemoryContextSwitchTo(old_context);
}

/* The slot's cell of the change for row_key with log id id (any, if 0). */
static ListCell *
find_cell(PendingSlot *slot, const char *row_key, int64 id)
{
	ListCell   *found = NULL;
	ListCell   *cell;

	foreach(cell, slot->items)
	{
		PendingItem *item = (PendingItem *) lfirst(cell);

		if (strcmp(item->change.row_key, row_key) == 0 && (id == 0 || item->change.id == id))
			found = cell;		/* the latest, when any id will do */
	}
	return found;
}

const PendingChange *
pending_change_find(Oid relid, const char *row_key, int64 id)
{
	PendingKey	key;
	PendingSlot *slot;
	ListCell   *cell;

	if (pending == NULL)
		return NULL;
	key = pending_key(relid, row_key);
	slot = hash_search(pending, &key, HASH_FIND, NULL);
	if (slot == NULL || (cell = find_cell(slot, row_key, id)) == NULL)
		return NULL;
	return &((PendingItem *) lfirst(cell))->change;
}

void
pending_change_forget(const PendingChange *change)
{
	PendingKey	key;
	PendingSlot *slot;
	ListCell   *cell;

	if (pending == NULL)
		return;
	key = pending_key(change->relid, change->row_key);
	slot = hash_search(pending, &key, HASH_FIND, NULL);
	if (slot == NULL)
		return;
	foreach(cell, slot->items)
	{
		PendingItem *item = (PendingItem *) lfirst(cell);

		if (&item->change == change)
		{
			slot->items = foreach_delete_current(slot->items, cell);
			free_item(item);
			return;
		}
	}
}
