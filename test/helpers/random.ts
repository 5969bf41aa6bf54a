/** Seeded randomness for reproducible tests and benchmarks (lib0's xoroshiro128+). */
import * as prng from 'lib0/prng';

/** A seeded source of uniform numbers in [0, 1): the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  const gen = prng.create(seed);
  return () => prng.real53(gen);
}
