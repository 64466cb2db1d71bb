// The dashboard's tabs, following the WAI-ARIA tabs pattern: one tab stop for the whole list (the selected
// tab), Left/Right arrows move to the previous/next tab and select it (wrapping), Home/End go to the first
// and last; each tab names the panel it controls.
import { type KeyboardEvent, useRef } from "react";

interface Props<T extends string> {
  tabs: readonly T[];
  labels: Record<T, string>;
  selected: T;
  onSelect(tab: T): void;
}

/** The id of a tab's button and of its panel, for aria-controls and aria-labelledby. */
export const tabId = (tab: string) => `tab-${tab}`;
export const panelId = (tab: string) => `panel-${tab}`;

export function TabList<T extends string>({ tabs, labels, selected, onSelect }: Props<T>) {
  const buttons = useRef(new Map<T, HTMLButtonElement>());
  const go = (tab: T) => {
    onSelect(tab);
    buttons.current.get(tab)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = tabs.indexOf(selected);
    const next: Record<string, number> = {
      ArrowRight: (i + 1) % tabs.length,
      ArrowLeft: (i - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    const to = next[e.key];
    if (to === undefined) return;
    e.preventDefault();
    go(tabs[to]!);
  };
  return (
    <div className="tabs" role="tablist" aria-label="Views of the model">
      {tabs.map((t) => (
        <button
          type="button"
          key={t}
          ref={(el) => {
            if (el) buttons.current.set(t, el);
            else buttons.current.delete(t);
          }}
          role="tab"
          id={tabId(t)}
          // Only the selected tab's panel is in the page; the others are made when chosen.
          aria-controls={selected === t ? panelId(t) : undefined}
          aria-selected={selected === t}
          tabIndex={selected === t ? 0 : -1}
          data-testid={`tab-${t}`}
          className={selected === t ? "active" : ""}
          onClick={() => onSelect(t)}
          onKeyDown={onKeyDown}
        >
          {labels[t]}
        </button>
      ))}
    </div>
  );
}
