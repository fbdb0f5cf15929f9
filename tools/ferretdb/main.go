// Command allot-ferretdb runs FerretDB 1.24 (MongoDB wire protocol) on SQLite files, embedded as a
// library so no separate install is needed. Used by `npm start` and the test harness.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"syscall"

	"allot/tools/ferretdb/datadir"
	"allot/tools/ferretdb/lazylog"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dataDir := flag.String("data-dir", "data/ferretdb", "directory for the SQLite files (created if missing)")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	syncMode := flag.String("sqlite-synchronous", "normal", "SQLite synchronous pragma: normal (WAL: durable across process crashes, the last commits may be lost on power loss) or full")
	flag.Parse()
	tuneGC()

	if *syncMode != "normal" && *syncMode != "full" {
		fmt.Fprintf(os.Stderr, "allot-ferretdb: --sqlite-synchronous must be normal or full, not %q\n", *syncMode)
		os.Exit(2)
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "allot-ferretdb: bad --log-level %q\n", *logLevel)
		os.Exit(2)
	}
	logger := slog.New(lazylog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level})))

	dir, err := filepath.Abs(*dataDir)
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "allot-ferretdb: cannot use data directory %q: %v\n", *dataDir, err)
		os.Exit(1)
	}

	// FerretDB itself listens on a private Unix socket; clients reach it through the serializing
	// proxy on --listen (see serialize.go).
	front, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintf(os.Stderr, "allot-ferretdb: cannot listen on %s: %v\n", *listen, err)
		os.Exit(1)
	}
	socket := filepath.Join(os.TempDir(), fmt.Sprintf("allot-ferretdb-%d.sock", os.Getpid()))
	_ = os.Remove(socket)
	defer os.Remove(socket)

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{Unix: socket},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + dir + "/?_pragma=synchronous(" + *syncMode + ")",
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "allot-ferretdb: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	go serveSerialized(front, "unix", socket, logger)
	go datadir.Upgrade(ctx, dir, logger)
	go func() { <-ctx.Done(); front.Close() }()

	fmt.Printf("allot-ferretdb listening on %s (data in %s)\n", *listen, dir)
	// Run returns when ctx is cancelled (clean stop) or the listener fails (e.g. port taken).
	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		fmt.Fprintf(os.Stderr, "allot-ferretdb: %v\n", err)
		os.Exit(1)
	}
}

// tuneGC lets the heap grow further between collections than Go's default (GOGC=100): FerretDB
// allocates heavily per command (BSON <-> JSON), and with the default about a third of its CPU went
// to the collector. A soft memory limit keeps the heap bounded all the same. GOGC / GOMEMLIMIT in the
// environment win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(800)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1536 << 20)
	}
	// One processor: write commands pass one at a time anyway (serialize.go) and SQLite has one
	// writer, while with two the idle processor spun looking for work and the collector ran beside
	// the API and worker on the same small machine (intake p95 at 100 requests/s: ~40 → ~25 ms on 2
	// cores). GOMAXPROCS in the environment wins.
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
}
