// A shell's variables as the walk keeps them: what the shell started with, shared, under what
// the script changed since, copied on write.
import type {Value} from './types.js';

/**
 * A shell's variables: those it started with, shared by every state of one analysis and never
 * changed, under those the script has set or unset since. A fork copies only the second part on
 * its first write: a script sets a handful of variables, its environment holds dozens, and
 * scripts fork at every pipe, substitution and branch.
 */
export class Variables {
  private constructor(
    private readonly base: ReadonlyMap<string, Value>,
    /** Set or unset since the start: undefined marks a variable of the start unset. */
    private readonly own: Map<string, Value | undefined>,
  ) {}

  static of(base: ReadonlyMap<string, Value>): Variables {
    return new Variables(base, new Map());
  }

  get(name: string): Value | undefined {
    const value = this.own.get(name);
    return value !== undefined || this.own.has(name) ? value : this.base.get(name);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  set(name: string, value: Value): void {
    this.own.set(name, value);
  }

  delete(name: string): void {
    if (this.base.has(name)) this.own.set(name, undefined);
    else this.own.delete(name);
  }

  /** The names of every variable set. */
  keys(): string[] {
    const names: string[] = [];
    this.base.forEach((_, name) => {
      if (!this.own.has(name)) names.push(name);
    });
    this.own.forEach((value, name) => {
      if (value !== undefined) names.push(name);
    });
    return names;
  }

  copy(): Variables {
    return new Variables(this.base, copyMap(this.own));
  }

  /**
   * The names set in any of these whose values may differ between them: where all started
   * alike, only those set or unset since (one left as it started is the same in all); else
   * every name set.
   */
  static mayDiffer(all: readonly Variables[]): Set<string> {
    const names = new Set<string>();
    const base = all[0]!.base;
    const alike = all.every((vars) => vars.base === base);
    for (const vars of all) {
      if (!alike) {
        for (const name of vars.keys()) names.add(name);
        continue;
      }

      // A name unset in every one of them is set in none.
      vars.own.forEach((_, name) => {
        if (all.some((other) => other.has(name))) names.add(name);
      });
    }

    return names;
  }
}

// Map's constructor copies through the iterator protocol, an array and a result object per
// entry; forEach allocates nothing but the copy. States copy their variables on first write.
export function copyMap<K, V>(map: ReadonlyMap<K, V>): Map<K, V> {
  const copy = new Map<K, V>();
  map.forEach((value, key) => copy.set(key, value));
  return copy;
}
