// The charts' colours from the app's theme (CSS variables of theme.css and metrics.css), read again
// whenever the theme attribute on <html> changes, so the charts follow the dark and light themes.
import { useEffect, useState } from 'react';

export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  tooltipBg: string;
  lines: string[];
}

const LINE_VARS = ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5', '--chart-6'];

function readTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string) => style.getPropertyValue(name).trim();
  return { text: v('--text'), muted: v('--text-muted'), grid: v('--border'), tooltipBg: v('--bg-raised'), lines: LINE_VARS.map(v) };
}

export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readTheme);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(readTheme()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}
