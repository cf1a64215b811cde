import { useEffect, useLayoutEffect, useRef, useState } from 'react';

export interface MenuItem {
  label: string;
  onSelect?: () => void;
  separator?: boolean;
}

/** A small menu at (x, y): arrows move, Enter picks, Esc or a click elsewhere closes. */
export function ContextMenu({ x, y, title, items, onClose }: { x: number; y: number; title?: string; items: MenuItem[]; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const choices = items.filter((i) => !i.separator);
  const [index, setIndex] = useState(0);
  const [pos, setPos] = useState({ left: x, top: y });

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPos({ left: Math.min(x, window.innerWidth - r.width - 8), top: Math.min(y, window.innerHeight - r.height - 8) });
    el.focus();
  }, [x, y]);

  useEffect(() => {
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('mousedown', away, true);
    return () => window.removeEventListener('mousedown', away, true);
  }, [onClose]);

  const pick = (item: MenuItem | undefined) => {
    if (!item) return;
    onClose();
    item.onSelect?.();
  };

  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      tabIndex={-1}
      data-testid="context-menu"
      style={{ left: pos.left, top: pos.top }}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') onClose();
        else if (e.key === 'ArrowDown') setIndex((i) => (i + 1) % choices.length);
        else if (e.key === 'ArrowUp') setIndex((i) => (i - 1 + choices.length) % choices.length);
        else if (e.key === 'Enter') pick(choices[index]);
        else return;
        e.preventDefault();
      }}
    >
      {title && <div className="context-menu-title">{title}</div>}
      {items.map((item, i) =>
        item.separator ? (
          <div key={`sep-${i}`} className="context-menu-separator" role="separator" />
        ) : (
          <div
            key={item.label}
            role="menuitem"
            className={`context-menu-item${choices[index] === item ? ' context-menu-item-active' : ''}`}
            onMouseEnter={() => setIndex(choices.indexOf(item))}
            onClick={() => pick(item)}
          >
            {item.label}
          </div>
        ),
      )}
    </div>
  );
}
