/**
 * Posting lists of the retrieval indexes, all in two shared typed arrays (an arena) instead of an
 * object and two typed arrays per list: hashed features and unusual words (reference numbers, names)
 * make hundreds of thousands of lists of one or two entries, and per-list objects cost ten times
 * what their entries do. A list is a run `[start, start + length)` of (slot, value) entries, keyed by
 * a small dense number (a hashed feature, a term number).
 *
 * A full list moves to the end of the arena with half again its room; the hole it leaves is
 * reclaimed by {@link PostingArena.pack}, which runs on its own once holes outweigh entries and is
 * called after a bulk load to drop every spare slot.
 */
export class PostingArena {
  /** Document slot of each entry. */
  slots: Int32Array;
  /** Value of each entry (a weight, a term frequency). */
  vals: Float32Array;
  #used = 0;
  /** Entries the lists hold; `#used` minus this is room not in use (holes and spare capacity). */
  #entries = 0;
  #start: Int32Array;
  #length: Int32Array;
  #capacity: Int32Array;

  constructor(keys: number, entries = 1024) {
    this.slots = new Int32Array(entries);
    this.vals = new Float32Array(entries);
    this.#start = new Int32Array(keys);
    this.#length = new Int32Array(keys);
    this.#capacity = new Int32Array(keys);
  }

  /** Bytes of the typed arrays (for the warm-up's log line). */
  get bytes(): number {
    return this.slots.byteLength + this.vals.byteLength + 3 * this.#start.byteLength;
  }

  /** Where a key's list starts in {@link slots} / {@link vals}. */
  start(key: number): number {
    return this.#start[key] ?? 0;
  }

  /** How many entries a key's list holds (0 for a key never used). */
  length(key: number): number {
    return this.#length[key] ?? 0;
  }

  push(key: number, slot: number, value: number): void {
    if (key >= this.#start.length) this.#growKeys(key + 1);
    const length = this.#length[key] as number;
    if (length === this.#capacity[key]) this.#relocate(key, length + Math.max(2, length >> 1));
    const at = (this.#start[key] as number) + length;
    this.slots[at] = slot;
    this.vals[at] = value;
    this.#length[key] = length + 1;
    this.#entries++;
  }

  /**
   * Rewrites the arena without holes, dropping entries whose slot `keep` refuses (removed documents).
   * `tight` leaves no spare room (after a bulk load); otherwise each list keeps a quarter more room
   * than it holds, so the lists that grow do not all move again at once.
   */
  pack(keep: (slot: number) => boolean = () => true, tight = true): void {
    let total = 0;
    let entries = 0;
    for (let key = 0; key < this.#length.length; key++) {
      const start = this.#start[key] as number;
      const length = this.#length[key] as number;
      let kept = 0;
      for (let i = start; i < start + length; i++) if (keep(this.slots[i] as number)) kept++;
      entries += kept;
      total += tight || kept === 0 ? kept : kept + (kept >> 2) + 1;
    }
    const slots = new Int32Array(Math.max(total, 16));
    const vals = new Float32Array(slots.length);
    let at = 0;
    for (let key = 0; key < this.#length.length; key++) {
      const start = this.#start[key] as number;
      const length = this.#length[key] as number;
      this.#start[key] = at;
      for (let i = start; i < start + length; i++) {
        const slot = this.slots[i] as number;
        if (!keep(slot)) continue;
        slots[at] = slot;
        vals[at] = this.vals[i] as number;
        at++;
      }
      const kept = at - (this.#start[key] as number);
      this.#length[key] = kept;
      const capacity = tight || kept === 0 ? kept : kept + (kept >> 2) + 1;
      this.#capacity[key] = capacity;
      at = (this.#start[key] as number) + capacity;
    }
    this.slots = slots;
    this.vals = vals;
    this.#used = at;
    this.#entries = entries;
  }

  #relocate(key: number, capacity: number): void {
    // Holes and spare room past the entries themselves: pack first (no entry is dropped), then move.
    if (this.#used - this.#entries > 2 * this.#entries + 4096) this.pack(undefined, false);
    if (this.#used + capacity > this.slots.length) {
      const size = Math.max(this.#used + capacity, this.slots.length + (this.slots.length >> 1));
      const slots = new Int32Array(size);
      slots.set(this.slots.subarray(0, this.#used));
      const vals = new Float32Array(size);
      vals.set(this.vals.subarray(0, this.#used));
      this.slots = slots;
      this.vals = vals;
    }
    const from = this.#start[key] as number;
    const length = this.#length[key] as number;
    this.slots.copyWithin(this.#used, from, from + length);
    this.vals.copyWithin(this.#used, from, from + length);
    this.#start[key] = this.#used;
    this.#capacity[key] = capacity;
    this.#used += capacity;
  }

  #growKeys(min: number): void {
    const size = Math.max(min, this.#start.length * 2);
    for (const name of ['start', 'length', 'capacity'] as const) {
      const old = name === 'start' ? this.#start : name === 'length' ? this.#length : this.#capacity;
      const grown = new Int32Array(size);
      grown.set(old);
      if (name === 'start') this.#start = grown;
      else if (name === 'length') this.#length = grown;
      else this.#capacity = grown;
    }
  }
}
