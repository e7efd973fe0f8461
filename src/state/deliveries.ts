import type { StateStore } from "./store.js";

/**
 * Claims a webhook delivery: true the first time its id is seen, false for a redelivery, also after a
 * restart. Insert-or-ignore on the primary key, so two replicas (or two racing requests) cannot both win.
 */
export async function claimDelivery(store: StateStore, id: string, event: string, now = new Date()): Promise<boolean> {
  const res = await store.db
    .insertInto("deliveries")
    .values({ id, event, at: now.toISOString() })
    .onConflict((oc) => oc.column("id").doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) === 1;
}
