import { ReactFlowProvider } from '@xyflow/react';
import { Button, Result, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { flowsApi } from '../api/flows.api';
import { orgApi } from '../api/org.api';
import { navigate } from '../app/router';
import { useSession } from '../auth/session.context';
import { useAsync } from '../common/use-async';
import { EditorWorkspace } from './editor-workspace';

export const EDITOR_OPEN_MARK = 'allot:editor-open';
export const EDITOR_READY_MARK = 'allot:editor-ready';

/** /flows/:id — loads the draft and the organisation's names, then the workspace. */
export function EditorPage({ flowId }: { flowId: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  useEffect(() => {
    performance.clearMarks(EDITOR_OPEN_MARK);
    performance.clearMarks(EDITOR_READY_MARK);
    performance.mark(EDITOR_OPEN_MARK);
  }, [flowId]);
  const flow = useAsync(() => flowsApi.get(flowId), [flowId]);
  const refs = useAsync(() => orgApi.load(), []);

  if (flow.error) {
    return <Result status="warning" title={t('editor.loadFailed')} subTitle={flow.error.message} extra={<Button onClick={() => navigate('/flows')}>{t('editor.backToList')}</Button>} />;
  }
  if (!flow.data) return <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />;
  return (
    <ReactFlowProvider>
      <EditorWorkspace key={flow.data.id} flow={flow.data} refs={refs.data ?? null} readOnly={user?.role !== 'admin' || flow.data.archivedAt !== null} />
    </ReactFlowProvider>
  );
}
