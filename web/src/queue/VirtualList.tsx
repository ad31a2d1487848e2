/**
 * A long list that stays smooth at tens of thousands of rows: only the rows in view
 * (and a few around) are in the page (@tanstack/react-virtual), each of a fixed height.
 * It is one focusable listbox: j / k or ↓ / ↑ move the active row (followed by
 * aria-activedescendant and scrolled into view), Home / End and Page Up / Down jump,
 * Enter opens the active row; reaching the end asks for more (`onNearEnd`).
 * React sets the rows' positions through the DOM's style object (CSSOM), not a style
 * attribute: the strict CSP (no 'unsafe-inline') allows that.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

/** Rows from the end at which more are asked for. */
const NEAR_END_ROWS = 10;
const PAGE_ROWS = 10;

export interface VirtualListProps<T> {
  items: readonly T[];
  label: string;
  rowHeight: number;
  /** The DOM id of a row (unique on the page). */
  rowId: (item: T) => string;
  activeIndex: number;
  onActiveChange: (index: number) => void;
  onOpen: (item: T, index: number) => void;
  renderRow: (item: T, active: boolean) => ReactNode;
  /** The user scrolled near the end: load more if there is more. */
  onNearEnd?: () => void;
  /** Extra attributes of a row (data-… for tests and styles). */
  rowData?: (item: T) => Record<string, string>;
  describedBy?: string;
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, activeIndex, onActiveChange, onNearEnd } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => props.rowHeight,
    overscan: 8,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const last = virtualItems.at(-1)?.index ?? -1;

  useEffect(() => {
    if (
      onNearEnd &&
      items.length > 0 &&
      last >= items.length - NEAR_END_ROWS &&
      (scrollRef.current?.scrollTop ?? 0) > 0
    )
      onNearEnd();
  }, [last, items.length, onNearEnd]);

  function move(to: number) {
    if (items.length === 0) return;
    const index = Math.max(0, Math.min(items.length - 1, to));
    onActiveChange(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const at = activeIndex < 0 ? -1 : activeIndex;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at + 1),
      j: () => move(at + 1),
      ArrowUp: () => move(at - 1),
      k: () => move(at - 1),
      Home: () => move(0),
      End: () => move(items.length - 1),
      PageDown: () => move(at + PAGE_ROWS),
      PageUp: () => move(at - PAGE_ROWS),
      Enter: () => {
        const item = items[at];
        if (item !== undefined) props.onOpen(item, at);
      },
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  const active = items[activeIndex];
  return (
    <div
      ref={scrollRef}
      className="vlist"
      role="listbox"
      tabIndex={0}
      aria-label={props.label}
      aria-describedby={props.describedBy}
      aria-activedescendant={active !== undefined ? props.rowId(active) : undefined}
      onKeyDown={onKeyDown}
      onFocus={() => {
        if (activeIndex < 0 && items.length > 0) onActiveChange(0);
      }}
    >
      <div className="vlist-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualItems.map((v) => {
          const item = items[v.index]!;
          const isActive = v.index === activeIndex;
          return (
            <div
              key={props.rowId(item)}
              id={props.rowId(item)}
              role="option"
              aria-selected={isActive}
              aria-posinset={v.index + 1}
              aria-setsize={items.length}
              className={isActive ? 'vrow active' : 'vrow'}
              {...props.rowData?.(item)}
              style={{ transform: `translateY(${v.start}px)`, height: v.size }}
              onClick={() => {
                onActiveChange(v.index);
                props.onOpen(item, v.index);
              }}
            >
              {props.renderRow(item, isActive)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
