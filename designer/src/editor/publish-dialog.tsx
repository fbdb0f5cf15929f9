import { App, Checkbox, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { flowsApi, type FlowDetailT } from '../api/flows.api';
import { ApiError } from '../api/http-client';

interface Props {
  flow: FlowDetailT;
  onClose(): void;
  onDone(version: number): void;
  flushSave(): Promise<boolean>;
  /** republish this older version (rollback) instead of the draft */
  fromVersion?: { id: string; version: number };
}

/** Publish with a note, and (by default) make the new version the active one for the flow's trigger. */
export function PublishDialog({ flow, onClose, onDone, flushSave, fromVersion }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [note, setNote] = useState(fromVersion ? t('publish.rollbackNote', { version: fromVersion.version }) : '');
  const [activate, setActivate] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      if (!fromVersion && !(await flushSave())) throw new Error(t('publish.saveFirst'));
      const v = await flowsApi.publish(flow.id, { note: note.trim() || undefined, ...(fromVersion ? { fromVersionId: fromVersion.id } : {}) } as { note?: string; fromVersionId?: string });
      if (activate) await flowsApi.activate(v.id);
      void message.success(t(activate ? 'publish.doneActive' : 'publish.done', { version: v.version }));
      onDone(v.version);
    } catch (err) {
      setError(err instanceof ApiError ? `${err.message}${err.details.length ? `: ${err.details.map((d) => d.message).join('; ')}` : ''}` : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const active = flow.active;
  return (
    <Modal
      open
      title={fromVersion ? t('publish.rollbackTitle', { version: fromVersion.version }) : t('publish.title')}
      okText={t('publish.confirm')}
      cancelText={t('common.cancel')}
      onOk={() => void run()}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'publish-confirm' } as ButtonProps}
    >
      <Typography.Paragraph type="secondary">{t('publish.explain', { next: flow.latestVersion + 1 })}</Typography.Paragraph>
      <div className="allot-field-label">{t('publish.note')}</div>
      <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('publish.notePlaceholder')} data-testid="publish-note" />
      <Checkbox checked={activate} onChange={(e) => setActivate(e.target.checked)} style={{ marginTop: 12 }} data-testid="publish-activate">
        {t('publish.activate')}
      </Checkbox>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 6 }}>
        {active ? t('publish.currentlyActive', { name: active.flowName, version: active.version }) : t('publish.noneActive')}
      </Typography.Paragraph>
      {error && <Typography.Paragraph type="danger" data-testid="publish-error">{error}</Typography.Paragraph>}
    </Modal>
  );
}
