/**
 * One query's scores per document slot, in a small open-addressing hash table sized to the postings
 * the query reads — not in an array over every document. A query of the router's neighbour vote
 * reads a few thousand postings spread over a history of 100,000 documents: a dense array there is
 * a megabyte written at random, one cache miss per posting (measured 5–8× the cost of the same search
 * with warm caches). The table stays a few dozen kilobytes, and is reused between queries.
 *
 * Slots are kept in the order they were first touched, so a caller ranking them sees ties in the
 * same order as a dense accumulator read in touch order would give.
 */
export class ScoreAccumulator {
  /** slot + 1 per table cell (0: empty). */
  #keys = new Int32Array(0);
  /** Index into the touch order per table cell. */
  #cells = new Int32Array(0);
  /** Touched slots, in first-touch order, and their summed scores. */
  #slots = new Int32Array(0);
  #scores = new Float64Array(0);
  #size = 0;
  #mask = 0;
  /** 32 − log2(cells): the hash's top bits pick the cell. */
  #shift = 32;

  /** Bytes of the scratch arrays. */
  get bytes(): number {
    return this.#keys.byteLength + this.#cells.byteLength + this.#slots.byteLength + this.#scores.byteLength;
  }

  /** Slots touched so far. */
  get size(): number {
    return this.#size;
  }

  /** Empties the table, with room for `adds` additions (at most that many distinct slots). */
  reset(adds: number): this {
    const cells = 1 << Math.max(6, Math.ceil(Math.log2(Math.max(1, adds) * 2)));
    if (cells > this.#keys.length) {
      this.#keys = new Int32Array(cells);
      this.#cells = new Int32Array(cells);
    } else {
      this.#keys.fill(0, 0, cells);
    }
    if (adds > this.#slots.length) {
      this.#slots = new Int32Array(adds);
      this.#scores = new Float64Array(adds);
    }
    this.#mask = cells - 1;
    this.#shift = 32 - Math.log2(cells);
    this.#size = 0;
    return this;
  }

  /** Adds `value` to `slot`'s score (at most `adds` of reset distinct slots). */
  add(slot: number, value: number): void {
    const keys = this.#keys;
    const key = slot + 1;
    // Fibonacci hashing (the product's top bits): slots with common low bits spread out too.
    let cell = Math.imul(key, 0x9e3779b1) >>> this.#shift;
    for (;;) {
      cell &= this.#mask;
      const k = keys[cell] as number;
      if (k === key) {
        const at = this.#cells[cell] as number;
        this.#scores[at] = (this.#scores[at] as number) + value;
        return;
      }
      if (k === 0) {
        keys[cell] = key;
        const at = this.#size++;
        this.#cells[cell] = at;
        this.#slots[at] = slot;
        this.#scores[at] = value;
        return;
      }
      cell++;
    }
  }

  /** The `i`th touched slot (first-touch order). */
  slotAt(i: number): number {
    return this.#slots[i] as number;
  }

  scoreAt(i: number): number {
    return this.#scores[i] as number;
  }
}
