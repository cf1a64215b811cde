import { highlightParts } from '../model/filter-query';

/** Text with the filter's words marked. */
export function Highlight({ text, words }: { text: string; words: readonly string[] }) {
  const parts = highlightParts(text, words);
  if (parts.length === 1 && !parts[0]!.match) return <>{text}</>;
  return (
    <>
      {parts.map((p, i) =>
        p.match ? (
          <mark key={i} className="hl">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
