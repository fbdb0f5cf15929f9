import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
// @ts-expect-error -- plain .mjs used by the bootstrap (no types)
import { MODULE, PATCHES, writePatchedModule } from '../../tools/ferretdb/source-edits.mjs';

type Patch = { file: string; edits: { find: string; replace: string; count: number }[] };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** a fake module holding exactly the text each edit expects, `times` times over */
function fakeModule(times = (e: Patch['edits'][number]) => e.count): string {
  const root = mkdtempSync(join(tmpdir(), 'allot-edits-'));
  dirs.push(root);
  const mod = join(root, 'mod');
  for (const p of PATCHES as Patch[]) {
    const file = join(mod, p.file);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, p.edits.map((e) => `// before\n${e.find.repeat(times(e))}// after\n`).join(''));
  }
  const src = join(root, 'src');
  mkdirSync(src);
  writeFileSync(join(src, 'go.mod'), 'module allot/tools/ferretdb\n');
  writeFileSync(join(src, 'go.sum'), '');
  return root;
}

it('applies every edit to a copy and builds through a go.mod that replaces the module with it', () => {
  const root = fakeModule();
  const modfile = writePatchedModule(join(root, 'src'), join(root, 'mod'), join(root, 'out'));
  expect(readFileSync(modfile, 'utf8')).toContain(`replace ${MODULE} => ${join(root, 'out', 'src')}`);
  for (const p of PATCHES as Patch[]) {
    const text = readFileSync(join(root, 'out', 'src', p.file), 'utf8');
    for (const e of p.edits) {
      expect(text).toContain(e.replace);
      if (!e.replace.includes(e.find)) expect(text).not.toContain(e.find);
    }
    // the module cache's original is untouched
    expect(readFileSync(join(root, 'mod', p.file), 'utf8')).toContain(p.edits[0]!.find);
  }
});

it('refuses a FerretDB whose source no longer matches an edit, naming the file', () => {
  const root = fakeModule((e) => (e === (PATCHES as Patch[])[0]!.edits[0] ? 0 : e.count));
  expect(() => writePatchedModule(join(root, 'src'), join(root, 'mod'), join(root, 'out'))).toThrow(
    new RegExp(`${(PATCHES as Patch[])[0]!.file}: expected \\d+ occurrence\\(s\\).*found 0`),
  );
});
