import {
  ApartmentOutlined, ArrowLeftOutlined, CheckCircleOutlined, CloudSyncOutlined, CloudUploadOutlined, CopyOutlined, DeleteOutlined,
  ExclamationCircleOutlined, ExpandOutlined, RedoOutlined, SnippetsOutlined, UndoOutlined,
} from '@ant-design/icons';
import { Button, Divider, Tag, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowDetailT } from '../api/flows.api';
import { navigate } from '../app/router';
import type { DraftDoc } from './model/draft.types';
import type { SaveState } from './model/use-autosave';
import type { FlowEditor } from './model/use-flow-editor';
import { PublishDialog } from './publish-dialog';
import type { DraftValidation } from './validation/validate-draft';

interface Props {
  flow: FlowDetailT;
  doc: DraftDoc;
  editor: FlowEditor;
  readOnly: boolean;
  saveState: SaveState;
  validation: DraftValidation;
  /** the first validation has not run yet */
  checking: boolean;
  onLayout(): void;
  onFit(): void;
  onShowProblems(): void;
  flushSave(): Promise<boolean>;
  onPublished(): void;
}

/** Back, name and save state; undo / redo, copy / paste / delete, layout, fit; problems; publish. */
export function EditorToolbar(p: Props) {
  const { t } = useTranslation();
  const [publishing, setPublishing] = useState(false);
  const { editor } = p;
  const nothingSelected = editor.selectedNodes.size === 0 && editor.selectedEdges.size === 0;
  const saveWords: Record<SaveState, { icon: ReactNode; text: string; color: string }> = {
    saved: { icon: <CheckCircleOutlined />, text: t('save.saved'), color: 'green' },
    pending: { icon: <CloudSyncOutlined />, text: t('save.pending'), color: 'default' },
    saving: { icon: <CloudSyncOutlined spin />, text: t('save.saving'), color: 'processing' },
    error: { icon: <ExclamationCircleOutlined />, text: t('save.error'), color: 'red' },
    conflict: { icon: <ExclamationCircleOutlined />, text: t('save.conflict'), color: 'red' },
  };
  const s = saveWords[p.saveState];
  const tip = (key: string, shortcut?: string) => `${t(key)}${shortcut ? ` (${shortcut})` : ''}`;
  return (
    <div className="allot-toolbar" data-testid="editor-toolbar">
      <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/flows')} aria-label={t('editor.backToList')} />
      <Typography.Text strong style={{ fontSize: 15, maxWidth: 320 }} ellipsis data-testid="editor-flow-name">{p.doc.name}</Typography.Text>
      <Tag>{t(`kinds.${p.doc.kind}`)}</Tag>
      {!p.readOnly && <Tag icon={s.icon} color={s.color} data-testid="save-state" data-state={p.saveState}>{s.text}</Tag>}
      <Divider type="vertical" />
      {!p.readOnly && (
        <>
          <Tooltip title={tip('toolbar.undo', 'Ctrl+Z')}><Button icon={<UndoOutlined />} disabled={!editor.canUndo} onClick={editor.undo} data-testid="undo" /></Tooltip>
          <Tooltip title={tip('toolbar.redo', 'Ctrl+Y')}><Button icon={<RedoOutlined />} disabled={!editor.canRedo} onClick={editor.redo} data-testid="redo" /></Tooltip>
          <Tooltip title={tip('toolbar.copy', 'Ctrl+C')}><Button icon={<CopyOutlined />} disabled={editor.selectedNodes.size === 0} onClick={() => editor.copy()} data-testid="copy" /></Tooltip>
          <Tooltip title={tip('toolbar.paste', 'Ctrl+V')}><Button icon={<SnippetsOutlined />} onClick={() => editor.paste()} data-testid="paste" /></Tooltip>
          <Tooltip title={tip('toolbar.delete', 'Delete')}><Button icon={<DeleteOutlined />} disabled={nothingSelected} onClick={editor.deleteSelected} data-testid="delete" /></Tooltip>
          <Divider type="vertical" />
          <Tooltip title={t('toolbar.layout')}><Button icon={<ApartmentOutlined />} onClick={p.onLayout} data-testid="auto-layout">{t('toolbar.layoutShort')}</Button></Tooltip>
        </>
      )}
      <Tooltip title={t('toolbar.fit')}><Button icon={<ExpandOutlined />} onClick={p.onFit} data-testid="fit-view" /></Tooltip>
      <div style={{ flex: 1 }} />
      {p.checking ? (
        <Tag icon={<CloudSyncOutlined spin />} data-testid="validation-status" data-valid="checking">{t('validation.checking')}</Tag>
      ) : p.validation.valid ? (
        <Tag color="success" icon={<CheckCircleOutlined />} data-testid="validation-status" data-valid="true">{t('validation.okShort')}</Tag>
      ) : (
        <Tag color="error" icon={<ExclamationCircleOutlined />} style={{ cursor: 'pointer' }} onClick={p.onShowProblems} data-testid="validation-status" data-valid="false">
          {t('validation.count', { count: p.validation.errors.length })}
        </Tag>
      )}
      {!p.readOnly && (
        <Button type="primary" icon={<CloudUploadOutlined />} disabled={p.checking || !p.validation.valid || p.saveState === 'conflict'} onClick={() => setPublishing(true)} data-testid="publish">
          {t('publish.button')}
        </Button>
      )}
      {publishing && (
        <PublishDialog
          flow={p.flow}
          onClose={() => setPublishing(false)}
          flushSave={p.flushSave}
          onDone={() => {
            setPublishing(false);
            p.onPublished();
          }}
        />
      )}
    </div>
  );
}
