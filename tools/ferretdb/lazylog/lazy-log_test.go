package lazylog

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
)

// counts how often the wrapped handler was asked to format attributes
type countingHandler struct {
	slog.Handler
	withAttrs *int
}

func (c countingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	*c.withAttrs++
	return countingHandler{c.Handler.WithAttrs(attrs), c.withAttrs}
}

func (c countingHandler) WithGroup(name string) slog.Handler {
	return countingHandler{c.Handler.WithGroup(name), c.withAttrs}
}

func TestLazyAttrsFormatsNothingBelowTheLevel(t *testing.T) {
	var buf bytes.Buffer
	n := 0
	text := slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelWarn})
	l := slog.New(New(countingHandler{text, &n}))

	l.With("args", []any{strings.Repeat("x", 1000)}).DebugContext(context.Background(), ">>> INSERT")
	if n != 0 || buf.Len() != 0 {
		t.Fatalf("a debug record at warn level formatted attributes %d time(s) and wrote %q", n, buf.String())
	}

	l.With("args", []any{"doc"}).WithGroup("g").With("time", 3).Warn("slow", "k", "v")
	got := buf.String()
	for _, want := range []string{"level=WARN", "msg=slow", "args=[doc]", "g.time=3", "g.k=v"} {
		if !strings.Contains(got, want) {
			t.Fatalf("record %q lacks %q", got, want)
		}
	}
	if n != 2 {
		t.Fatalf("attributes formatted %d times for one written record, want 2 (one per With)", n)
	}
}
