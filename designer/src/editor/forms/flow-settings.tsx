import { ConfigProvider, Descriptions, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TRIGGER_EVENT_WORDS, type TriggerEvent } from '../../../../engine/core/nodes';
import { pick, useLocale } from '../../i18n/i18n';
import type { FlowEditor } from '../model/use-flow-editor';

/** With nothing selected: the flow's own name and description, and what it is. */
export function FlowSettings({ editor, readOnly }: { editor: FlowEditor; readOnly: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { doc } = editor;
  const words = (TRIGGER_EVENT_WORDS as Record<string, { 'zh-CN': string; en: string }>)[doc.trigger as TriggerEvent];
  return (
    <ConfigProvider componentDisabled={readOnly}>
      <div data-testid="flow-settings">
        <Typography.Title level={5} style={{ marginTop: 0 }}>{t('settings.title')}</Typography.Title>
        <div className="allot-field">
          <div className="allot-field-label">{t('settings.name')}</div>
          <Input value={doc.name} maxLength={200} onChange={(e) => editor.edit((d) => ({ ...d, name: e.target.value }))} data-testid="flow-name" />
        </div>
        <div className="allot-field">
          <div className="allot-field-label">{t('settings.description')}</div>
          <Input.TextArea
            value={doc.description ?? ''}
            maxLength={2000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            onChange={(e) => editor.edit((d) => ({ ...d, description: e.target.value }))}
          />
        </div>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('settings.kind')}>{t(`kinds.${doc.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('settings.trigger')}>{words ? pick(words, locale) : doc.trigger}</Descriptions.Item>
          <Descriptions.Item label={t('settings.nodes')}>{doc.nodes.length}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>{t('settings.hint')}</Typography.Paragraph>
      </div>
    </ConfigProvider>
  );
}
