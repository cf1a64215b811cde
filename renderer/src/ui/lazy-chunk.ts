// A chunk of components of its own, loaded when one first renders (or at idle: preload), so the
// app starts without evaluating them.
import { lazy, type ComponentType } from 'react';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props: each component keeps its own
type Components = Record<string, ComponentType<any>>;

export function lazyChunk<All extends Components>(load: () => Promise<All>) {
  return {
    preload: (): Promise<unknown> => load(),
    /** One component of the chunk, as a React.lazy component (render inside a <Suspense>). */
    component: <K extends keyof All>(name: K) => lazy(async () => ({ default: (await load())[name]! })),
  };
}
