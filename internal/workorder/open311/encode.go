package open311

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"log/slog"
	"net/http"
	"strings"
)

// format is a response format, chosen by the path's extension.
type format int

const (
	formatXML format = iota
	formatJSON
)

// contentTypes are the spec's content types of the formats.
var contentTypes = map[format]string{formatXML: "text/xml; charset=utf-8", formatJSON: "application/json; charset=utf-8"}

// splitFormat cuts ".xml" or ".json" off the last segment of a path:
// "WY-01.json" → "WY-01", JSON. ok is false for any other extension.
func splitFormat(seg string) (name string, f format, ok bool) {
	if name, ok = strings.CutSuffix(seg, ".json"); ok {
		return name, formatJSON, true
	}
	if name, ok = strings.CutSuffix(seg, ".xml"); ok {
		return name, formatXML, true
	}
	return seg, formatXML, false
}

// guessFormat is the format of an error answer to any path: JSON when the
// path asks for it, XML (the spec's required format) otherwise.
func guessFormat(path string) format {
	if strings.HasSuffix(path, ".json") {
		return formatJSON
	}
	return formatXML
}

// write answers v in f. The body is encoded before anything is sent, so a
// failure still yields a clean error document. Lists marshal to top-level
// JSON arrays (see lister) and to their XML element.
func write(w http.ResponseWriter, f format, status int, v any) {
	var buf bytes.Buffer
	if err := encode(&buf, f, v); err != nil {
		slog.Error("open311: encode response", "error", err)
		buf.Reset()
		status = http.StatusInternalServerError
		_ = encode(&buf, f, errorList{Items: []Error{{Code: status, Description: msgInternal}}})
	}
	h := w.Header()
	h.Set("Content-Type", contentTypes[f])
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func encode(buf *bytes.Buffer, f format, v any) error {
	if f == formatJSON {
		if l, ok := v.(lister); ok {
			v = l.jsonBody()
		}
		return json.NewEncoder(buf).Encode(v)
	}
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(buf).Encode(v); err != nil {
		return err
	}
	buf.WriteByte('\n')
	return nil
}

// lister is a list document: its JSON is the bare array of its items
// (the Spark convention), its XML the wrapper element.
type lister interface{ jsonBody() any }

func (s services) jsonBody() any           { return nonNil(s.Items) }
func (s serviceRequests[T]) jsonBody() any { return nonNil(s.Items) }
func (e errorList) jsonBody() any          { return nonNil(e.Items) }

// nonNil makes an empty list an array, never null.
func nonNil[T any](items []T) []T {
	if items == nil {
		return []T{}
	}
	return items
}
