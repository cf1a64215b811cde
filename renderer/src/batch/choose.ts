// How another area (the host tree) asks for a batch job on some hosts: a DOM event the batch
// area's overlay listens for, so the asking area needs nothing of the batch area but this.
const CHOOSE_EVENT = 'portcullis:batch-choose';

/** Opens the batch run dialog with these hosts (a grant selector: names, `node:…` or tags). */
export function chooseBatchHosts(selector: string): void {
  document.dispatchEvent(new CustomEvent(CHOOSE_EVENT, { detail: selector }));
}

export function onBatchHostsChosen(listener: (selector: string) => void): () => void {
  const handler = (e: Event) => listener(String((e as CustomEvent<unknown>).detail ?? ''));
  document.addEventListener(CHOOSE_EVENT, handler);
  return () => document.removeEventListener(CHOOSE_EVENT, handler);
}
