import { describe, expect, it } from 'vitest';
import { compactTrace, expandStoredTrace, storedTrace } from './stored-trace';

const summary = { 'zh-CN': '轮询', en: 'Round robin' };
const full = {
  path: [
    { nodeId: 'start', type: 'trigger', output: 'next', summary },
    { nodeId: 'assign', type: 'assign', output: 'assigned', summary },
  ],
  trace: [
    { nodeId: 'start', type: 'trigger', output: 'next', summary, effects: [] },
    {
      nodeId: 'assign',
      type: 'assign',
      output: 'assigned',
      summary,
      effects: ['assign'],
      detail: {
        strategy: 'roundRobin',
        candidates: [
          { repId: 'a', name: '王磊', eligible: true, reasons: [], picked: true, loadRatio: 0.1, lastSeq: 3 },
          { repId: 'b', name: '张伟', eligible: false, reasons: [{ code: 'onLeave', text: summary }], picked: false, loadRatio: null },
          { repId: 'c', name: '李娜', eligible: true, reasons: [], picked: false, loadRatio: 0.2 },
        ],
      },
    },
  ],
  decidedBy: 'assign',
};

describe('stored decision trace', () => {
  it('leaves out what can be derived and gives it back unchanged', () => {
    const stored = compactTrace(full);
    expect(stored).not.toHaveProperty('path');
    expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(full).length * 0.8);
    expect(expandStoredTrace(JSON.parse(JSON.stringify(stored)))).toEqual(full);
    expect(expandStoredTrace(storedTrace(full))).toEqual(full);
  });

  it('passes traces stored before the compact format through as they are', () => {
    expect(expandStoredTrace(full)).toBe(full);
    expect(expandStoredTrace(null)).toBeNull();
  });
});
