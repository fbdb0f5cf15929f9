// Package datadir brings a data directory written by an earlier Allot build of FerretDB in line with
// what this build creates (tools/ferretdb/source-edits.mjs), once at start.
package datadir

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // the same SQLite driver FerretDB uses
)

// Upgrade runs over every database file of dir:
//
//   - _id index. FerretDB 1.24 created each collection's _id index on `_ferretdb_sjson->"_id"` but looks
//     documents up with `_ferretdb_sjson->'$._id' = ?`; SQLite uses an expression index only for the
//     identical expression, so every find, update and delete by _id scanned the table (~15 ms of CPU per
//     look-up at 5,000 customers). This build creates the _id index on the look-up expression; a
//     collection from an earlier one gets an extra index on it. FerretDB does not know about that index
//     (listIndexes is unchanged); dropping the collection drops it.
//   - non-unique indexes. This build keeps them in FerretDB's metadata only (SQLite never used them for
//     a query; each write evaluated them). The SQLite indexes an earlier build made for them are dropped.
func Upgrade(ctx context.Context, dir string, logger *slog.Logger) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
	for _, f := range files {
		if err := upgradeFile(ctx, f); err != nil && ctx.Err() == nil {
			logger.Warn("allot: upgrading an earlier data directory", "file", f, "error", err)
		}
	}
}

type collection struct {
	table    string
	settings struct {
		Indexes []struct {
			Name   string `json:"name"`
			Unique bool   `json:"unique"`
		} `json:"indexes"`
	}
}

func upgradeFile(ctx context.Context, file string) error {
	if _, err := os.Stat(file); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	colls, err := collections(ctx, db)
	if err != nil || len(colls) == 0 {
		return err
	}
	var failed []error // one table's failure does not stop the others; the next start tries again
	lacking, err := tablesLackingIDIndex(ctx, db)
	if err != nil {
		return err
	}
	for _, t := range lacking {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, t+"_allot_id", t)
		if _, err := db.ExecContext(ctx, q); err != nil {
			failed = append(failed, fmt.Errorf("%s: %w", t, err))
		}
	}
	for _, c := range colls {
		for _, ix := range c.settings.Indexes {
			if ix.Unique || ix.Name == "_id_" {
				continue
			}
			if _, err := db.ExecContext(ctx, fmt.Sprintf(`DROP INDEX IF EXISTS %q`, c.table+"_"+ix.Name)); err != nil {
				failed = append(failed, fmt.Errorf("%s: %w", c.table, err))
			}
		}
	}
	return errors.Join(failed...)
}

// collections lists FerretDB's collection tables with their settings (none in a brand-new file).
func collections(ctx context.Context, db *sql.DB) ([]collection, error) {
	rows, err := db.QueryContext(ctx, `SELECT table_name, settings FROM _ferretdb_collections`)
	if err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return nil, nil
		}
		return nil, err
	}
	defer rows.Close()
	var out []collection
	for rows.Next() {
		var c collection
		var settings sql.NullString
		if err := rows.Scan(&c.table, &settings); err != nil {
			return nil, err
		}
		if settings.Valid && settings.String != "" {
			if err := json.Unmarshal([]byte(settings.String), &c.settings); err != nil {
				return nil, fmt.Errorf("%s settings: %w", c.table, err)
			}
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// tablesLackingIDIndex: collection tables without an index on the _id look-up expression.
func tablesLackingIDIndex(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT c.table_name FROM _ferretdb_collections c
		WHERE NOT EXISTS (SELECT 1 FROM sqlite_master m WHERE m.type = 'index' AND m.tbl_name = c.table_name
		                  AND instr(m.sql, '_ferretdb_sjson->''$._id''') > 0)
		  AND EXISTS (SELECT 1 FROM sqlite_master t WHERE t.type = 'table' AND t.name = c.table_name)`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	return tables, rows.Err()
}
