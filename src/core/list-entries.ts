/**
 * The entries of a caller's list, copied by index up to its first hole: the hole itself is
 * copied as undefined (for the check to refuse at its index, where `map` and its kin would pass
 * over it) and nothing after it is read. A list whose length runs far past its entries (`a.length
 * = 2 ** 32 - 1`) so costs no more than its entries, instead of a loop over the whole length.
 * @internal
 */
export function listEntries(list: readonly unknown[]): unknown[] {
  const entries: unknown[] = [];
  const length = list.length;
  for (let index = 0; index < length; index++) {
    if (!(index in list)) {
      entries.push(undefined);
      break;
    }
    entries.push(list[index]);
  }
  return entries;
}
