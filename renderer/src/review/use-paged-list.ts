// A list the gateway pages with a keyset cursor (sessions, commands): the first page anew, "load
// more" appended, the selected row moved with ↑/↓ and opened with Enter.
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../ui';

export interface Page<Row> {
  rows: Row[];
  next: string | null;
}

export function usePagedList<Row>(open: (row: Row) => void) {
  const { t } = useTranslation('review');
  const [rows, setRows] = useState<Row[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');
  const [selected, setSelected] = useState(0);
  const openRef = useRef(open);
  openRef.current = open;

  /** Fetches a page: `more` appends it (the cursor's), otherwise it replaces the list. */
  const load = useCallback(
    async (fetchPage: () => Promise<Page<Row>>, more = false) => {
      setLoading(true);
      setError('');
      try {
        const page = await fetchPage();
        setRows((old) => (more ? [...old, ...page.rows] : page.rows));
        setNext(page.next);
        if (!more) setSelected(0);
      } catch (e) {
        setError(t('error', { message: errorText(e) }));
      } finally {
        setLoading(false);
      }
    },
    [t],
  );

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') setSelected((i) => Math.min(rows.length - 1, i + 1));
    else if (e.key === 'ArrowUp') setSelected((i) => Math.max(0, i - 1));
    else if (e.key === 'Enter' && rows[selected] !== undefined) openRef.current(rows[selected]);
    else return;
    e.preventDefault();
  };

  return { rows, next, loading, error, selected, setSelected, load, onKeyDown };
}
