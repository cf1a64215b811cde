// One capability's part of an API (the client's or the gateway's): its methods and its events.
// composeApi joins the sections into the tables the dispatchers and clients use, so a new
// capability adds its section and one line, and no table is edited by every capability.
import type { EventTable, MethodTable, TopicTable } from '../rpc/protocol';

export interface ApiSection {
  methods: MethodTable;
  events: EventTable;
  /** Topics a client may subscribe to (gateway API); each is also an event (see gateway-api/events.ts). */
  topics?: TopicTable;
}

type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Flat<T> = { [K in keyof T]: T[K] };
type TopicsOf<S> = S extends { topics: infer T } ? T : Record<never, never>;

export interface ComposedApi<S extends readonly ApiSection[]> {
  methods: Flat<Intersection<S[number]['methods']>>;
  events: Flat<Intersection<S[number]['events']>>;
  topics: Flat<Intersection<TopicsOf<S[number]>>>;
}

/** Joins sections; a method or event named by two sections is a programming error, thrown at load. */
export function composeApi<const S extends readonly ApiSection[]>(...sections: S): ComposedApi<S> {
  const methods: MethodTable = {};
  const events: EventTable = {};
  const topics: TopicTable = {};
  for (const section of sections) {
    join(methods, section.methods, 'method');
    join(events, section.events, 'event');
    join(topics, section.topics ?? {}, 'topic');
  }
  return { methods, events, topics } as ComposedApi<S>;
}

function join<T extends object>(into: T, from: T, what: string): void {
  for (const [name, spec] of Object.entries(from)) {
    if (Object.hasOwn(into, name)) throw new Error(`two API sections define the ${what} "${name}"`);
    (into as Record<string, unknown>)[name] = spec;
  }
}
