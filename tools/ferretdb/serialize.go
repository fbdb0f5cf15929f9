package main

// FerretDB 1.24 on SQLite runs update, findAndModify and delete as "query, then write the new
// document" without holding a lock in between, so two concurrent guarded updates
// ({openCount: {$lt: cap}} + $inc) can both pass the guard and one increment is lost.
// This front proxy restores MongoDB's single-document atomicity: it relays the wire protocol
// unchanged and lets only one mutating command at a time reach FerretDB (held until its reply).

import (
	"encoding/binary"
	"errors"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"time"
)

const (
	opMsg          = 2013
	opCompressed   = 2012
	maxMessage     = 48 * 1024 * 1024
	flagMoreToCome = 1 << 1
)

var mutating = map[string]bool{
	"insert": true, "update": true, "delete": true, "findandmodify": true,
}

// writeLock is held from a mutating request until FerretDB has answered it.
var writeLock sync.Mutex

func readMessage(r io.Reader) ([]byte, error) {
	var size [4]byte
	if _, err := io.ReadFull(r, size[:]); err != nil {
		return nil, err
	}
	n := int(binary.LittleEndian.Uint32(size[:]))
	if n < 16 || n > maxMessage {
		return nil, errors.New("bad message length")
	}
	msg := make([]byte, n)
	copy(msg, size[:])
	if _, err := io.ReadFull(r, msg[4:]); err != nil {
		return nil, err
	}
	return msg, nil
}

// commandName returns the first key of an OP_MSG body section (lower-cased), or "".
func commandName(msg []byte) (name string, moreToCome bool) {
	if binary.LittleEndian.Uint32(msg[12:16]) != opMsg || len(msg) < 21 {
		return "", false
	}
	flags := binary.LittleEndian.Uint32(msg[16:20])
	moreToCome = flags&flagMoreToCome != 0
	pos := 20
	for pos < len(msg) {
		kind := msg[pos]
		pos++
		if pos+4 > len(msg) {
			return "", moreToCome
		}
		size := int(binary.LittleEndian.Uint32(msg[pos : pos+4]))
		if kind == 0 {
			// BSON document: int32 size, then elements: type byte, cstring name, value
			if pos+5 > len(msg) {
				return "", moreToCome
			}
			start := pos + 5
			end := start
			for end < len(msg) && msg[end] != 0 {
				end++
			}
			return strings.ToLower(string(msg[start:end])), moreToCome
		}
		pos += size // kind 1: document sequence, size includes itself
	}
	return "", moreToCome
}

type relay struct {
	mu      sync.Mutex
	pending int32 // requestID of the mutating request holding writeLock, or 0
	holding bool
}

func (r *relay) release(responseTo int32, force bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.holding && (force || responseTo == r.pending) {
		r.holding = false
		r.pending = 0
		writeLock.Unlock()
	}
}

func serveSerialized(front net.Listener, backendNetwork, backendAddr string, logger *slog.Logger) {
	for {
		client, err := front.Accept()
		if err != nil {
			return
		}
		go func() {
			defer client.Close()
			// FerretDB opens its socket inside Run: wait for it briefly on early connections
			backend, err := net.Dial(backendNetwork, backendAddr)
			for tries := 0; err != nil && tries < 100; tries++ {
				time.Sleep(50 * time.Millisecond)
				backend, err = net.Dial(backendNetwork, backendAddr)
			}
			if err != nil {
				logger.Error("cannot reach embedded FerretDB", "err", err)
				return
			}
			defer backend.Close()
			r := &relay{}
			defer r.release(0, true)
			done := make(chan struct{}, 2)
			go func() { // FerretDB → client
				defer func() { done <- struct{}{} }()
				for {
					msg, err := readMessage(backend)
					if err != nil {
						return
					}
					responseTo := int32(binary.LittleEndian.Uint32(msg[8:12]))
					_, werr := client.Write(msg)
					r.release(responseTo, false)
					if werr != nil {
						return
					}
				}
			}()
			go func() { // client → FerretDB
				defer func() { done <- struct{}{} }()
				for {
					msg, err := readMessage(client)
					if err != nil {
						return
					}
					name, moreToCome := commandName(msg)
					lock := mutating[name] && !moreToCome
					if lock {
						writeLock.Lock()
						r.mu.Lock()
						r.holding = true
						r.pending = int32(binary.LittleEndian.Uint32(msg[4:8]))
						r.mu.Unlock()
					}
					if _, err := backend.Write(msg); err != nil {
						r.release(0, true)
						return
					}
				}
			}()
			<-done
		}()
	}
}
