/**
 * The replay as a host runs it over its store: a page of histories read (parsed from their
 * JSON), evaluated, and let go, page after page, so the heap holds one page at a time and not
 * all 100,000 histories. Each page's evaluation is timed whole, with the collections in it;
 * nothing is left out as a chunk median leaves out the chunks a collection falls into. Each
 * timed page ends with a collection of the young generation, inside the timing, so the garbage
 * the timed work left behind is collected and counted on its own page, not in the next page's
 * parsing: one collection a page, which errs high when a page's replay leaves less garbage than
 * V8's young generation holds.
 *
 * What is not counted, on purpose: parsing a page, and promoting it (copying it out of the
 * young generation), which are the cost of reading it; both are timed apart and reported. And
 * the heap holds one page: the best case for a collection, whose cost grows with the live data
 * a heap holds (about 10 ms for one with all 100,000 histories held).
 *
 * The texts are kept outside the JavaScript heap (in large Buffers), so keeping them does not
 * make the heap the bench measures in any larger.
 */
import { gcMsIn, takeGcEntries } from './chunked-pass';

/** Lines of text kept in large Buffers outside the JavaScript heap, read back one at a time. */
export class StoredLines {
  static readonly #SLAB_BYTES = 256 * 2 ** 20;
  readonly #slabs: Buffer[] = [];
  #used = StoredLines.#SLAB_BYTES;
  /** Per line: its slab, its start and its end in that slab. */
  #where: number[] = [];

  get length(): number {
    return this.#where.length / 3;
  }

  push(text: string): void {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.#used + bytes > StoredLines.#SLAB_BYTES) {
      this.#slabs.push(Buffer.allocUnsafeSlow(Math.max(StoredLines.#SLAB_BYTES, bytes)));
      this.#used = 0;
    }
    const slab = this.#slabs.length - 1;
    this.#slabs[slab]!.write(text, this.#used, 'utf8');
    this.#where.push(slab, this.#used, this.#used + bytes);
    this.#used += bytes;
  }

  text(index: number): string {
    const at = index * 3;
    return this.#slabs[this.#where[at]!]!.toString('utf8', this.#where[at + 1], this.#where[at + 2]);
  }
}

/** Evaluates one history, returning a number the bench keeps. */
export type HistoryRun<H> = (history: H) => number;

/** What the pages cost one case. */
export interface PagedCost {
  /** Every timed page, collections included, ÷ histories, ns. */
  readonly perHistoryNs: number;
  /** The collections inside the timed pages ÷ histories, ns. */
  readonly gcPerHistoryNs: number;
  /** Of which full collections and incremental marking (all but collections of the young generation), ns. */
  readonly majorGcPerHistoryNs: number;
}

/** One pass over every page: the replay, the floor timed beside it on the same pages, and the heap after. */
export interface PagedRound {
  readonly run: PagedCost;
  readonly floor: PagedCost;
  /** Parsing the pages ÷ histories, ns: not in the figures above. */
  readonly parsePerHistoryNs: number;
  /** Settling them (two collections a page) ÷ histories, ns: not in the figures above. */
  readonly settlePerHistoryNs: number;
  /** The heap after the pass, MiB. */
  readonly heapMiB: number;
}

interface Tally {
  histories: number;
  ms: number;
  spans: [number, number][];
}

/**
 * One pass over the first `count` of `lines` in pages of `page`. Every page is parsed, settled
 * (the young generation collected twice, so the page is promoted and no collection in the
 * timed work copies it: that would be the cost of reading it), and then `run` and `floor` are
 * timed over it, alternately first, each ending with `collectYoung()` inside its timing. `sink`
 * receives what the timed work computed.
 */
export async function pagedRound<H>(lines: StoredLines, count: number, page: number, parse: (text: string) => H, run: HistoryRun<H>, floor: HistoryRun<H>, collectYoung: () => void, sink: (value: number) => void): Promise<PagedRound> {
  const tallies = { run: { histories: 0, ms: 0, spans: [] } as Tally, floor: { histories: 0, ms: 0, spans: [] } as Tally };
  const timed = (histories: readonly H[], work: HistoryRun<H>, into: Tally): void => {
    let sum = 0;
    const started = performance.now();
    for (const history of histories) sum += work(history);
    collectYoung();
    const ended = performance.now();
    into.ms += ended - started;
    into.histories += histories.length;
    into.spans.push([started, ended]);
    sink(sum);
  };
  let parseMs = 0;
  let settleMs = 0;
  for (let first = 0, index = 0; first < count; first += page, index++) {
    const histories: H[] = [];
    const parsing = performance.now();
    for (let line = first; line < Math.min(count, first + page); line++) histories.push(parse(lines.text(line)));
    const settling = performance.now();
    collectYoung();
    collectYoung();
    settleMs += performance.now() - settling;
    parseMs += settling - parsing;
    if (index % 2 === 0) {
      timed(histories, run, tallies.run);
      timed(histories, floor, tallies.floor);
    } else {
      timed(histories, floor, tallies.floor);
      timed(histories, run, tallies.run);
    }
  }
  const entries = await takeGcEntries();
  const cost = (counted: Tally): PagedCost => ({
    perHistoryNs: (counted.ms * 1e6) / counted.histories,
    gcPerHistoryNs: (gcMsIn(entries, counted.spans) * 1e6) / counted.histories,
    majorGcPerHistoryNs: (gcMsIn(entries, counted.spans, true) * 1e6) / counted.histories,
  });
  return {
    run: cost(tallies.run),
    floor: cost(tallies.floor),
    parsePerHistoryNs: (parseMs * 1e6) / count,
    settlePerHistoryNs: (settleMs * 1e6) / count,
    heapMiB: process.memoryUsage().heapUsed / 2 ** 20,
  };
}
