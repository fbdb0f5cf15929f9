package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the same SQLite driver FerretDB uses
)

// FerretDB 1.24's SQLite backend creates each collection's _id index on the expression
// `_ferretdb_sjson->"_id"`, but looks documents up with `_ferretdb_sjson->'$._id' = ?`. SQLite uses an
// expression index only for the identical expression, so every find, update and delete by _id
// scanned the whole table (a lookup in a 5,000-customer collection cost ~15 ms of CPU, growing with
// the collection). keepIDIndexes adds, to every collection table, an index on the expression the
// queries use — within a second of the collection appearing, and again after a restart.
// FerretDB does not know about it (listIndexes is unchanged); dropping the collection drops it.
func keepIDIndexes(ctx context.Context, dir string, logger *slog.Logger) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		for _, f := range files {
			if err := indexFile(ctx, f); err != nil && ctx.Err() == nil {
				logger.Debug("allot: _id index sweep", "file", f, "error", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
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

	// tables that lack the index (a brand-new database may not have the metadata table yet)
	rows, err := db.QueryContext(ctx, `
		SELECT c.table_name FROM _ferretdb_collections c
		WHERE NOT EXISTS (SELECT 1 FROM sqlite_master m WHERE m.type = 'index' AND m.name = c.table_name || '_allot_id')
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
			failed = fmt.Errorf("%s: %w", t, err) // the next sweep tries again; the other tables go on
		}
	}
	return failed
}
