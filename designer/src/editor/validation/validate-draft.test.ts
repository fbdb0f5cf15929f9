import { describe, expect, it } from 'vitest';
import { addNode, connect, createNode, updateParams } from '../model/doc-ops';
import type { DraftDoc } from '../model/draft.types';
import { errorsAt, validateDraft } from './validate-draft';

function flow(): DraftDoc {
  let doc: DraftDoc = { schemaVersion: 1, id: 'f', name: 'F', kind: 'allocation', trigger: 'customerCreated', nodes: [], edges: [] };
  for (const [type, x] of [['trigger', 0], ['assign', 300], ['end', 600]] as const) doc = addNode(doc, createNode(doc, type, { x, y: 0 }));
  doc = connect(doc, 'trigger-1', 'next', 'assign-1');
  doc = connect(doc, 'assign-1', 'assigned', 'end-1');
  return doc;
}

describe('validateDraft', () => {
  it('puts graph errors on their nodes', () => {
    const v = validateDraft(flow());
    expect(v.valid).toBe(false);
    const onAssign = v.byNode.get('assign-1') ?? [];
    expect(onAssign.map((p) => p.error.code)).toContain('FLOW_OUTPUT_NOT_CONNECTED');
    expect(v.errors.every((p) => p.error.message['zh-CN'] && p.error.message.en)).toBe(true);
  });

  it('places param errors on their field pointer', () => {
    let doc = connect(flow(), 'assign-1', 'none', 'end-1');
    doc = updateParams(doc, 'assign-1', { ...doc.nodes[1]!.params, candidateTeams: ['team-x'] });
    const v = validateDraft(doc, { teamIds: ['team-a'] });
    const placed = v.byNode.get('assign-1') ?? [];
    expect(placed.map((p) => p.error.code)).toEqual(['FLOW_UNKNOWN_TEAM']);
    expect(placed[0]?.paramsPointer).toBe('/candidateTeams/0');
    expect(errorsAt(placed, '/candidateTeams')).toHaveLength(1);
    expect(errorsAt(placed, '/strategy')).toHaveLength(0);
    expect(validateDraft(doc, { teamIds: ['team-x'] }).valid).toBe(true);
  });

  it('reports a missing trigger on the document', () => {
    const doc: DraftDoc = { ...flow(), nodes: flow().nodes.slice(1), edges: [] };
    const v = validateDraft(doc);
    const noTrigger = v.errors.find((p) => p.error.code === 'FLOW_NO_TRIGGER');
    expect(noTrigger?.nodeId).toBeUndefined();
  });
});
