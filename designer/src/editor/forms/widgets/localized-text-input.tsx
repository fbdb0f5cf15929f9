import { Input } from 'antd';
import { useTranslation } from 'react-i18next';

type LText = { 'zh-CN': string; en: string };
const isLText = (v: unknown): v is LText => v !== null && typeof v === 'object' && typeof (v as LText).en === 'string';

/** A message in both languages (reps read the one they chose). */
export function LocalizedTextInput({ value, onChange, testId }: { value: unknown; onChange(v: LText): void; testId?: string }) {
  const { t } = useTranslation();
  const v: LText = isLText(value) ? value : { 'zh-CN': '', en: '' };
  return (
    <div data-testid={testId}>
      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} value={v['zh-CN']} onChange={(e) => onChange({ ...v, 'zh-CN': e.target.value })} placeholder={t('form.chinese')} style={{ marginBottom: 4 }} />
      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} value={v.en} onChange={(e) => onChange({ ...v, en: e.target.value })} placeholder={t('form.english')} />
    </div>
  );
}
