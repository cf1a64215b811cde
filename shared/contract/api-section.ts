// One capability's part of an API (the client's or the gateway's): its methods and its events.
// composeApi joins the sections into the tables the dispatchers and clients use, so a new
// capability adds its section and one line, and no table is edited by every capability.
import type { EventTable, MethodTable } from '../rpc/protocol';

export interface ApiSection {
  methods: MethodTable;
  events: EventTable;
}

type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Flat<T> = { [K in keyof T]: T[K] };

export interface ComposedApi<S extends readonly ApiSection[]> {
  methods: Flat<Intersection<S[number]['methods']>>;
  events: Flat<Intersection<S[number]['events']>>;
}

/** Joins sections; a method or event named by two sections is a programming error, thrown at load. */
export function composeApi<const S extends readonly ApiSection[]>(...sections: S): ComposedApi<S> {
  const methods: MethodTable = {};
  const events: EventTable = {};
  for (const section of sections) {
    join(methods, section.methods, 'method');
    join(events, section.events, 'event');
  }
  return { methods, events } as ComposedApi<S>;
}

function join<T extends object>(into: T, from: T, what: string): void {
  for (const [name, spec] of Object.entries(from)) {
    if (Object.hasOwn(into, name)) throw new Error(`two API sections define the ${what} "${name}"`);
    (into as Record<string, unknown>)[name] = spec;
  }
}
