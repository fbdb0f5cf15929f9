package lazylog

import (
	"context"
	"log/slog"
)

// lazyAttrs defers Logger.With until a record is actually written. slog's text handler formats the
// attributes given to With at once, and FerretDB's SQL layer calls With(args...) on every statement
// to log it at debug level — so at the default warn level each insert and update still quoted its
// whole JSON document (about a fifth of FerretDB's CPU under intake load) only to discard it.
type lazyAttrs struct {
	base slog.Handler
	ops  []func(slog.Handler) slog.Handler
}

// New wraps h so that attributes given to With are formatted only for records that are written.
func New(h slog.Handler) slog.Handler { return &lazyAttrs{base: h} }

func (l *lazyAttrs) Enabled(ctx context.Context, level slog.Level) bool {
	return l.base.Enabled(ctx, level)
}

func (l *lazyAttrs) Handle(ctx context.Context, r slog.Record) error {
	h := l.base
	for _, op := range l.ops {
		h = op(h)
	}
	return h.Handle(ctx, r)
}

func (l *lazyAttrs) with(op func(slog.Handler) slog.Handler) slog.Handler {
	ops := make([]func(slog.Handler) slog.Handler, len(l.ops), len(l.ops)+1)
	copy(ops, l.ops)
	return &lazyAttrs{base: l.base, ops: append(ops, op)}
}

func (l *lazyAttrs) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return l
	}
	return l.with(func(h slog.Handler) slog.Handler { return h.WithAttrs(attrs) })
}

func (l *lazyAttrs) WithGroup(name string) slog.Handler {
	if name == "" {
		return l
	}
	return l.with(func(h slog.Handler) slog.Handler { return h.WithGroup(name) })
}
