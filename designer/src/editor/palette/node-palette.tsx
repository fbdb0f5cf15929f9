import { Input, Tooltip } from 'antd';
import { memo, useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogEntry, FlowKind, NodeCategory } from '../../../../engine/core/nodes';
import { useLocale } from '../../i18n/i18n';
import { CATEGORY_COLORS, NodeIcon } from './node-icon';

export const DRAG_MIME = 'application/x-allot-node';
const CATEGORY_ORDER: readonly NodeCategory[] = ['start', 'logic', 'data', 'assignment', 'pool', 'notify', 'timing', 'end'];

/** Node types that fit the flow's kind, grouped by category, filtered by the search box (either language, or the type). */
export function paletteGroups(catalog: readonly CatalogEntry[], kind: FlowKind, query: string): Array<{ category: NodeCategory; entries: CatalogEntry[] }> {
  const q = query.trim().toLowerCase();
  const fits = catalog.filter((e) => e.kinds.includes(kind));
  const hits = q
    ? fits.filter((e) => [e.type, e.labels['zh-CN'], e.labels.en, e.help['zh-CN'], e.help.en].some((s) => s.toLowerCase().includes(q)))
    : fits;
  return CATEGORY_ORDER.map((category) => ({ category, entries: hits.filter((e) => e.category === category) })).filter((g) => g.entries.length > 0);
}

interface Props {
  catalog: readonly CatalogEntry[];
  kind: FlowKind;
  /** click adds the node next to the selection */
  onAdd(type: string): void;
}

/** The palette: drag a node onto the canvas, or click it to add it next to the selected node. */
export const NodePalette = memo(function NodePalette({ catalog, kind, onAdd }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [query, setQuery] = useState('');
  const groups = useMemo(() => paletteGroups(catalog, kind, query), [catalog, kind, query]);
  const onDragStart = (e: DragEvent, type: string) => {
    e.dataTransfer.setData(DRAG_MIME, type);
    e.dataTransfer.effectAllowed = 'move';
  };
  return (
    <div className="allot-palette" data-testid="palette">
      <div style={{ padding: '10px 10px 4px' }}>
        <Input.Search allowClear placeholder={t('palette.search')} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="palette-search" />
        <div style={{ fontSize: 11.5, color: '#8c959f', marginTop: 6 }}>{t('palette.hint')}</div>
      </div>
      <div className="allot-palette-list">
        {groups.map((g) => (
          <div key={g.category}>
            <div className="allot-palette-group">{t(`palette.category.${g.category}`)}</div>
            {g.entries.map((e) => (
              <Tooltip key={e.type} title={e.help[locale]} placement="right" mouseEnterDelay={0.5}>
                <div
                  className="allot-palette-item"
                  draggable
                  onDragStart={(ev) => onDragStart(ev, e.type)}
                  onClick={() => onAdd(e.type)}
                  role="button"
                  tabIndex={0}
                  onKeyDown={(ev) => (ev.key === 'Enter' || ev.key === ' ') && onAdd(e.type)}
                  data-testid={`palette-${e.type}`}
                >
                  <span style={{ fontSize: 18, lineHeight: '20px' }}><NodeIcon name={e.icon} color={CATEGORY_COLORS[e.category]} /></span>
                  <span>
                    <div className="name">{e.labels[locale]}</div>
                    <div className="help">{shortHelp(e.help[locale])}</div>
                  </span>
                </div>
              </Tooltip>
            ))}
          </div>
        ))}
        {groups.length === 0 && <div style={{ color: '#8c959f', padding: 12 }}>{t('palette.none')}</div>}
      </div>
    </div>
  );
});

/** The first sentence of the help, for the palette line. */
function shortHelp(help: string): string {
  const cut = help.search(/[。.;；]/);
  return cut > 0 && cut < 60 ? help.slice(0, cut + 1) : help.length > 60 ? `${help.slice(0, 58)}…` : help;
}
