package datadir

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
// _id index is on the expression look-ups do not use, with a non-unique and a unique secondary index,
// and one collection already indexed on the look-up expression.
func TestUpgradeOfAnEarlierDataDirectory(t *testing.T) {
	dir := t.TempDir()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "allot.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`CREATE TABLE _ferretdb_collections (name TEXT, table_name TEXT, settings TEXT)`,
		`INSERT INTO _ferretdb_collections VALUES
		   ('customers', 'customers_1', '{"indexes":[{"name":"_id_","key":[{"field":"_id"}],"unique":true},{"name":"ownerId_1","key":[{"field":"ownerId"}],"unique":false},{"name":"code_1","key":[{"field":"code"}],"unique":true}]}'),
		   ('reps', 'reps_2', NULL)`,
		`CREATE TABLE customers_1 (_ferretdb_sjson TEXT)`,
		`CREATE UNIQUE INDEX customers_1__id_ ON customers_1 (_ferretdb_sjson->"_id")`,
		`CREATE INDEX customers_1_ownerId_1 ON customers_1 (_ferretdb_sjson->"ownerId")`,
		`CREATE UNIQUE INDEX customers_1_code_1 ON customers_1 (_ferretdb_sjson->"code")`,
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

	Upgrade(context.Background(), dir, slog.New(slog.NewTextHandler(io.Discard, nil)))

	if p := plan("customers_1"); !strings.Contains(p, "USING INDEX customers_1_allot_id") {
		t.Fatalf("look-up plan after Upgrade: %s", p)
	}
	indexes := func(table string) string {
		rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name`, table)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var names []string
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				t.Fatal(err)
			}
			names = append(names, n)
		}
		return strings.Join(names, " ")
	}
	if got, want := indexes("customers_1"), "customers_1__id_ customers_1_allot_id customers_1_code_1"; got != want {
		t.Fatalf("customers_1 indexes after Upgrade: %q, want %q (the non-unique one dropped, the unique ones kept)", got, want)
	}
	// a second start changes nothing
	Upgrade(context.Background(), dir, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if got := indexes("customers_1"); got != "customers_1__id_ customers_1_allot_id customers_1_code_1" {
		t.Fatalf("after a second Upgrade: %q", got)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reps_2'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("a collection already indexed on the look-up expression got another index: %d indexes (%v)", n, err)
	}
}
