// Source edits to FerretDB 1.24.2 applied at build time: the module is copied out of the Go module cache
// (which stays untouched, and which `go build -overlay` may not replace), edited, and built through a
// generated go.mod that replaces the module with the copy (`go build -modfile`). Each edit names the
// exact text it replaces and how often it must occur, so a FerretDB version that no longer matches
// fails the build loudly instead of running unpatched.
// Used by scripts/bootstrap.mjs; test/integration/ferretdb-patches.test.ts checks that the edits that
// change behaviour are in effect (the last one only saves work).
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MODULE = 'github.com/FerretDB/FerretDB';

export const PATCHES = [
  {
    file: 'internal/backends/sqlite/collection.go',
    why:
      'Look a document up by _id whenever the filter has an _id equality, not only when _id is its ' +
      'sole key. A guarded update ({_id, status, openCount: {$lt: n}}) otherwise read and decoded every ' +
      'document of the collection. Safe because every handler (find, update, findAndModify, delete, ' +
      'count, distinct, aggregate) filters each returned document again with the whole filter, and ' +
      'limits are pushed down only for an empty filter.',
    edits: [
      {
        find: 'if params.Filter.Len() == 1 {\n\t\tv, _ := params.Filter.Get("_id")',
        replace: 'if params.Filter.Len() >= 1 { // allot: _id equality beside other conditions\n\t\tv, _ := params.Filter.Get("_id")',
        count: 2,
      },
      {
        // with non-unique indexes not built in SQLite (next file), collStats listed each of them as an
        // index named "" of size 0: report the indexes SQLite has
        find: '\t\tIndexSizes:      indexSizes,\n',
        replace: '\t\tIndexSizes:      indexSizes[:i], // allot: only the indexes SQLite has\n',
        count: 1,
      },
    ],
  },
  {
    file: 'internal/backends/sqlite/metadata/registry.go',
    why:
      'Create SQLite indexes only for unique MongoDB indexes (they enforce uniqueness). FerretDB 1.24 on ' +
      'SQLite never uses a secondary index for a query (it pushes down nothing but _id), so a ' +
      'non-unique index was pure cost: every insert and update evaluated its JSON expression (13 on ' +
      'a customer). The index stays in FerretDB\'s metadata, so listIndexes and mongoose see it as ' +
      'declared; on MongoDB it is a real index. Dropping tolerates a missing SQLite index. And build ' +
      'an index on _id with the expression FerretDB\'s look-ups use: its own used another one ' +
      '(`->"_id"` against `->\'$._id\'`), which SQLite never matched, so every look-up by _id scanned ' +
      'the table. (tools/ferretdb/datadir brings the collections of an earlier build in line at start.)',
    edits: [
      {
        find:
          '\t\tif _, err := db.ExecContext(ctx, q); err != nil {\n' +
          '\t\t\t_ = r.indexesDrop(ctx, dbName, collectionName, created)',
        replace:
          '\t\tif !index.Unique { // allot: metadata only (see tools/ferretdb/source-edits.mjs)\n' +
          '\t\t} else if _, err := db.ExecContext(ctx, q); err != nil {\n' +
          '\t\t\t_ = r.indexesDrop(ctx, dbName, collectionName, created)',
        count: 1,
      },
      {
        find: '\t\t\tcolumns[i] = fmt.Sprintf("%s->%s", DefaultColumn, strings.Join(fields, "->"))\n',
        replace:
          '\t\t\tcolumns[i] = fmt.Sprintf("%s->%s", DefaultColumn, strings.Join(fields, "->"))\n' +
          '\t\t\tif key.Field == "_id" { // allot: the very expression _id look-ups use (IDColumn), so SQLite uses the index\n' +
          '\t\t\t\tcolumns[i] = IDColumn\n' +
          '\t\t\t}\n',
        count: 1,
      },
      {
        find: 'q := fmt.Sprintf("DROP INDEX %q", c.TableName+"_"+name)',
        replace: 'q := fmt.Sprintf("DROP INDEX IF EXISTS %q", c.TableName+"_"+name)',
        count: 1,
      },
    ],
  },
  {
    file: 'internal/handler/msg_find.go',
    why:
      'Format the debug line describing each find\'s query only when debug logging is on: fmt.Sprintf ' +
      'with %+v of the whole filter ran on every find and was then discarded at the default level.',
    edits: [
      {
        find: '\th.L.DebugContext(ctx, fmt.Sprintf("Converted %+v for %+v to %+v.", params, cInfo, qp))\n',
        replace:
          '\tif h.L.Enabled(ctx, -4) { // allot: slog.LevelDebug\n' +
          '\t\th.L.DebugContext(ctx, fmt.Sprintf("Converted %+v for %+v to %+v.", params, cInfo, qp))\n' +
          '\t}\n',
        count: 1,
      },
    ],
  },
  {
    file: 'internal/handler/sjson/sjson.go',
    why:
      'Decode each distinct document schema once. Every stored document carries its schema (`$s`: ' +
      'field names and types), and decoding it with encoding/json (reflection, DisallowUnknownFields) ' +
      'on every read was about a third of FerretDB\'s document decoding under intake load, though the ' +
      'documents of a collection share a handful of schemas. The decoded schema is only read ' +
      '(documentType / arrayType / unmarshalSingleValue), so one copy serves every document; the cache ' +
      'is cleared when it reaches 4,096 schemas.',
    edits: [
      {
        find: '\t"io"\n\t"time"\n',
        replace: '\t"io"\n\t"sync"\n\t"time"\n',
        count: 1,
      },
      {
        find:
          '\tvar sch schema\n' +
          '\tr = bytes.NewReader(jsch)\n' +
          '\tdec = json.NewDecoder(r)\n' +
          '\tdec.DisallowUnknownFields()\n' +
          '\n' +
          '\tif err := dec.Decode(&sch); err != nil {\n' +
          '\t\treturn nil, lazyerrors.Error(err)\n' +
          '\t}\n' +
          '\n' +
          '\tif err := checkConsumed(dec, r); err != nil {\n' +
          '\t\treturn nil, lazyerrors.Error(err)\n' +
          '\t}\n',
        replace:
          '\tsch, err := cachedSchema(jsch) // allot: each distinct schema decoded once\n' +
          '\tif err != nil {\n' +
          '\t\treturn nil, lazyerrors.Error(err)\n' +
          '\t}\n',
        count: 1,
      },
      {
        find: '// unmarshalSingleValue decodes the given sjson-encoded data element by the given schema.\n',
        replace:
          '// allot: decoded document schemas by their JSON text (read-only once decoded)\n' +
          'var (\n' +
          '\tschemaCacheMu sync.RWMutex\n' +
          '\tschemaCache   = map[string]*schema{}\n' +
          ')\n' +
          '\n' +
          'func cachedSchema(jsch []byte) (*schema, error) {\n' +
          '\tschemaCacheMu.RLock()\n' +
          '\tsch, ok := schemaCache[string(jsch)] // no copy of the key for a look-up\n' +
          '\tschemaCacheMu.RUnlock()\n' +
          '\tif ok {\n' +
          '\t\treturn sch, nil\n' +
          '\t}\n' +
          '\tsch = new(schema)\n' +
          '\tr := bytes.NewReader(jsch)\n' +
          '\tdec := json.NewDecoder(r)\n' +
          '\tdec.DisallowUnknownFields()\n' +
          '\tif err := dec.Decode(sch); err != nil {\n' +
          '\t\treturn nil, err\n' +
          '\t}\n' +
          '\tif err := checkConsumed(dec, r); err != nil {\n' +
          '\t\treturn nil, err\n' +
          '\t}\n' +
          '\tschemaCacheMu.Lock()\n' +
          '\tif len(schemaCache) >= 4096 {\n' +
          '\t\tclear(schemaCache)\n' +
          '\t}\n' +
          '\tschemaCache[string(jsch)] = sch\n' +
          '\tschemaCacheMu.Unlock()\n' +
          '\treturn sch, nil\n' +
          '}\n' +
          '\n' +
          '// unmarshalSingleValue decodes the given sjson-encoded data element by the given schema.\n',
        count: 1,
      },
    ],
  },
];

const occurrences = (text, find) => text.split(find).length - 1;

/** Module source directory in the Go module cache (downloads the module if needed). */
export function moduleDir(srcDir, env) {
  const r = spawnSync('go', ['mod', 'download', '-json', MODULE], { cwd: srcDir, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`go mod download ${MODULE} failed: ${(r.stderr || r.stdout).trim()}`);
  const dir = JSON.parse(r.stdout).Dir;
  if (!dir) throw new Error(`go mod download ${MODULE} gave no directory`);
  return dir;
}

/**
 * Copies the module to outDir/src, applies the edits, and writes outDir/go.mod (srcDir's go.mod plus a
 * replace directive) with its go.sum; returns the go.mod path for `go build -modfile`.
 */
export function writePatchedModule(srcDir, modDir, outDir) {
  const copy = join(outDir, 'src');
  rmSync(outDir, { recursive: true, force: true });
  cpSync(modDir, copy, { recursive: true });
  chmodTree(copy);
  for (const patch of PATCHES) {
    const file = join(copy, patch.file);
    let text = readFileSync(file, 'utf8');
    for (const edit of patch.edits) {
      const n = occurrences(text, edit.find);
      if (n !== edit.count) {
        throw new Error(`${patch.file}: expected ${edit.count} occurrence(s) of ${JSON.stringify(edit.find)}, found ${n} — tools/ferretdb/source-edits.mjs no longer matches this FerretDB version`);
      }
      text = text.split(edit.find).join(edit.replace);
    }
    writeFileSync(file, text);
  }
  const modfile = join(outDir, 'go.mod');
  writeFileSync(modfile, `${readFileSync(join(srcDir, 'go.mod'), 'utf8')}\nreplace ${MODULE} => ${copy}\n`);
  cpSync(join(srcDir, 'go.sum'), join(outDir, 'go.sum'));
  return modfile;
}

/** the module cache's files are read-only; the copy must be writable (and removable next build) */
function chmodTree(dir) {
  chmodSync(dir, 0o755);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) chmodTree(p);
    else chmodSync(p, 0o644);
  }
}
