// Package idindex gives collections of earlier Allot data directories an index their _id look-ups use.
package idindex

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // the same SQLite driver FerretDB uses
)

// FerretDB 1.24's SQLite backend created each collection's _id index on the expression
// `_ferretdb_sjson->"_id"`, but looks documents up with `_ferretdb_sjson->'$._id' = ?`. SQLite uses an
// expression index only for the identical expression, so every find, update and delete by _id
// scanned the whole table (a lookup in a 5,000-customer collection cost ~15 ms of CPU, growing with
// the collection). Collections created by this build get their _id index on the look-up expression
// (tools/ferretdb/source-edits.mjs); AddIDIndexes, run once at start, gives the collections of a data
// directory written by an earlier build an index on it. FerretDB does not know about that index
// (listIndexes is unchanged); dropping the collection drops it.
func AddIDIndexes(ctx context.Context, dir string, logger *slog.Logger) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
	for _, f := range files {
		if err := indexFile(ctx, f); err != nil && ctx.Err() == nil {
			logger.Warn("allot: _id index for an earlier data directory", "file", f, "error", err)
		}
	}
}

func indexFile(ctx context.Context, file string) error {
	if _, err := os.Stat(file); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	// tables without an index on the look-up expression (a brand-new database may not have the metadata table yet)
	rows, err := db.QueryContext(ctx, `
		SELECT c.table_name FROM _ferretdb_collections c
		WHERE NOT EXISTS (SELECT 1 FROM sqlite_master m WHERE m.type = 'index' AND m.tbl_name = c.table_name
		                  AND instr(m.sql, '_ferretdb_sjson->''$._id''') > 0)
		  AND EXISTS (SELECT 1 FROM sqlite_master t WHERE t.type = 'table' AND t.name = c.table_name)`)
	if err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return nil
		}
		return err
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, t)
	}
	rows.Close()
	var failed error
	for _, t := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, t+"_allot_id", t)
		if _, err := db.ExecContext(ctx, q); err != nil && failed == nil {
			failed = fmt.Errorf("%s: %w", t, err) // the next start tries again; the other tables go on
		}
	}
	return failed
}
