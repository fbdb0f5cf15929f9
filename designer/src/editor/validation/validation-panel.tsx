import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getNodeDefinition } from '../../../../engine/core/nodes';
import { pick, useLocale } from '../../i18n/i18n';
import type { DraftDoc } from '../model/draft.types';
import type { DraftValidation, PlacedError } from './validate-draft';

interface Props {
  doc: DraftDoc;
  validation: DraftValidation;
  onPick(p: PlacedError): void;
}

/** Every problem the engine's validator finds, in words; clicking one selects its node and field. */
export function ValidationPanel({ doc, validation, onPick }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (validation.valid) {
    return (
      <div style={{ padding: 16, textAlign: 'center' }} data-testid="validation-ok">
        <CheckCircleTwoTone twoToneColor="#2da44e" style={{ fontSize: 28 }} />
        <Typography.Paragraph style={{ marginTop: 8 }}>{t('validation.ok')}</Typography.Paragraph>
      </div>
    );
  }
  const title = (id: string | undefined) => {
    const n = id ? doc.nodes.find((x) => x.id === id) : undefined;
    if (!n) return t('validation.flow');
    return n.label || `${getNodeDefinition(n.type)?.labels[locale] ?? n.type} · ${n.id}`;
  };
  return (
    <List
      className="allot-errors-list"
      size="small"
      header={<span><CloseCircleTwoTone twoToneColor="#cf222e" /> {t('validation.count', { count: validation.errors.length })}</span>}
      dataSource={validation.errors}
      data-testid="validation-list"
      renderItem={(p, i) => (
        <List.Item onClick={() => onPick(p)} data-testid={`validation-item-${i}`} data-node={p.nodeId ?? ''}>
          <div>
            <Tag color={p.nodeId ? 'red' : 'default'}>{title(p.nodeId)}</Tag>
            <span>{pick(p.error.message, locale)}</span>
          </div>
        </List.Item>
      )}
    />
  );
}
