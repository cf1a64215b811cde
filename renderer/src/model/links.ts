// Links clicked in a terminal open only after the user confirms, and only for http(s). Pure.
export function openableUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null; // user:pass@ links are a classic disguise
  return url.href;
}
