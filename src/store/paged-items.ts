import type { Item } from '../types.js';
import type { Store } from './store.js';

/** Items of a suite in file order, paged from the store, so memory does not grow with the suite. */
export async function* pagedItems(store: Store, suiteHash: string, pageSize = 256): AsyncGenerator<Item> {
  for (let after = 0; ; ) {
    const page = await store.itemsPage(suiteHash, after, pageSize);
    if (page.length === 0) return;
    for (const row of page) yield row.item;
    after = page[page.length - 1]!.seq;
  }
}
