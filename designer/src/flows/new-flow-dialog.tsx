import { App, Form, Input, Modal, Radio, Select, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../engine/core/common/localized';
import { flowsApi } from '../api/flows.api';
import { ApiError } from '../api/http-client';
import { pick, useLocale } from '../i18n/i18n';

interface TriggerChoice {
  trigger: string;
  labels: LocalizedText;
  kinds: string[];
}

/** A new draft: name, kind and the event it runs on; it starts as a trigger connected to an end. */
export function NewFlowDialog({ triggers, onClose, onCreated }: { triggers: TriggerChoice[]; onClose(): void; onCreated(id: string): void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; kind: 'allocation' | 'followUp'; trigger: string; description?: string }>();
  const kind = Form.useWatch('kind', form) ?? 'allocation';
  const [busy, setBusy] = useState(false);
  const fits = triggers.filter((tr) => tr.kinds.includes(kind));

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const flow = await flowsApi.create({ name: v.name.trim(), kind: v.kind, trigger: v.trigger, ...(v.description ? { description: v.description } : {}) });
      onCreated(flow.id);
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('newFlow.title')} okText={t('newFlow.create')} cancelText={t('common.cancel')} onOk={() => void submit()} onCancel={onClose} confirmLoading={busy} okButtonProps={{ 'data-testid': 'new-flow-create' } as ButtonProps}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'allocation', trigger: 'customerCreated' }} requiredMark={false}>
        <Form.Item name="name" label={t('newFlow.name')} rules={[{ required: true, whitespace: true, message: t('newFlow.nameRequired') }]}>
          <Input maxLength={200} autoFocus data-testid="new-flow-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('newFlow.kind')}>
          <Radio.Group
            onChange={(e) => {
              const first = triggers.find((tr) => tr.kinds.includes(e.target.value as string));
              if (first) form.setFieldValue('trigger', first.trigger);
            }}
          >
            <Radio value="allocation">{t('kinds.allocation')}</Radio>
            <Radio value="followUp">{t('kinds.followUp')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="trigger" label={t('newFlow.trigger')} extra={t('newFlow.triggerHelp')}>
          <Select options={fits.map((tr) => ({ value: tr.trigger, label: pick(tr.labels, locale) }))} data-testid="new-flow-trigger" />
        </Form.Item>
        <Form.Item name="description" label={t('newFlow.description')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
