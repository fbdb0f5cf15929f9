package idindex

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// A data directory as an earlier build wrote it: FerretDB's metadata table, one collection whose only
// _id index is on the expression look-ups do not use, and one already on the look-up expression.
func TestAddIDIndexesGivesEarlierCollectionsAnIndexTheirLookUpsUse(t *testing.T) {
	dir := t.TempDir()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "allot.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`CREATE TABLE _ferretdb_collections (name TEXT, table_name TEXT, settings TEXT)`,
		`INSERT INTO _ferretdb_collections VALUES ('customers', 'customers_1', '{}'), ('reps', 'reps_2', '{}')`,
		`CREATE TABLE customers_1 (_ferretdb_sjson TEXT)`,
		`CREATE UNIQUE INDEX customers_1__id_ ON customers_1 (_ferretdb_sjson->"_id")`,
		`CREATE TABLE reps_2 (_ferretdb_sjson TEXT)`,
		`CREATE UNIQUE INDEX reps_2__id_ ON reps_2 (_ferretdb_sjson->'$._id')`,
		`INSERT INTO customers_1 VALUES ('{"_id":"a"}'), ('{"_id":"b"}')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.SetMaxOpenConns(1)
	plan := func(table string) string {
		// a real read first: it makes this connection see a schema another connection changed
		if _, err := db.Exec(`SELECT count(*) FROM "` + table + `"`); err != nil {
			t.Fatal(err)
		}
		rows, err := db.Query(`EXPLAIN QUERY PLAN SELECT _ferretdb_sjson FROM "`+table+`" WHERE _ferretdb_sjson->'$._id' = ?`, `"a"`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			out = append(out, detail)
		}
		return strings.Join(out, " ")
	}
	if p := plan("customers_1"); strings.Contains(p, "USING INDEX") {
		t.Fatalf("the earlier index should not serve the look-up, plan: %s", p)
	}

	AddIDIndexes(context.Background(), dir, slog.New(slog.NewTextHandler(io.Discard, nil)))

	if p := plan("customers_1"); !strings.Contains(p, "USING INDEX customers_1_allot_id") {
		t.Fatalf("look-up plan after AddIDIndexes: %s", p)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reps_2'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("a collection already indexed on the look-up expression got another index: %d indexes (%v)", n, err)
	}
}
