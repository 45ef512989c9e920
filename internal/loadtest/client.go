package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"time"
)

// maxErrorBody bounds the error body kept for the report.
const maxErrorBody = 600

// Client is one signed-in user of the API: a cookie jar holding the
// session and the CSRF token every write must carry. It is safe for
// concurrent use (staff sessions are shared by all workers).
type Client struct {
	base string
	http *http.Client
	csrf string
}

// newClient returns a client of base whose connections come from source
// (a loopback address; "" lets the system choose). Residents get distinct
// sources so that per-address limits (SMS codes per address and hour)
// count them apart, as they would count phones on different networks.
// A call not answered within timeout fails (status 0), so a stuck server
// shows in the report instead of hanging the run.
func newClient(base, source string, conns int, timeout time.Duration) (*Client, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	if source != "" {
		dialer.LocalAddr = &net.TCPAddr{IP: net.ParseIP(source)}
	}
	tr := &http.Transport{DialContext: dialer.DialContext, MaxIdleConns: conns, MaxIdleConnsPerHost: conns,
		IdleConnTimeout: time.Minute, DisableCompression: true}
	return &Client{base: base, http: &http.Client{Jar: jar, Transport: tr, Timeout: timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}, nil
}

// callError is a failed call: a non-2xx answer or no answer at all.
type callError struct {
	op     string
	status int
	body   string
}

func (e *callError) Error() string {
	return fmt.Sprintf("loadtest: %s: status %d: %s", e.op, e.status, e.body)
}

// JSON sends in (nil: no body) as JSON and decodes a 2xx answer into out
// (nil: discarded). The call's latency goes to rec under op, or its
// failure.
func (c *Client) JSON(ctx context.Context, rec *Recorder, op, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return c.do(rec, op, req, out)
}

// Upload sends a multipart form of fields and one file part.
func (c *Client) Upload(ctx context.Context, rec *Recorder, op, path string, fields map[string]string,
	fileField, fileName string, data []byte, out any) error {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			return err
		}
	}
	fw, err := mw.CreateFormFile(fileField, fileName)
	if err != nil {
		return err
	}
	if _, err := fw.Write(data); err != nil {
		return err
	}
	if err := mw.Close(); err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, &buf)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(rec, op, req, out)
}

// do sends req with the CSRF token, times it to the last byte of the
// answer and records the outcome.
func (c *Client) do(rec *Recorder, op string, req *http.Request, out any) error {
	if c.csrf != "" && req.Method != http.MethodGet {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		rec.Fail(op, 0, err.Error())
		return &callError{op: op, body: err.Error()}
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if err != nil {
		rec.Fail(op, 0, err.Error())
		return &callError{op: op, body: err.Error()}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		b := string(data[:min(len(data), maxErrorBody)])
		rec.Fail(op, resp.StatusCode, b)
		return &callError{op: op, status: resp.StatusCode, body: b}
	}
	rec.Observe(op, took)
	if out == nil || len(data) == 0 {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		rec.Fail(op+" (decode)", resp.StatusCode, err.Error())
		return fmt.Errorf("loadtest: %s: decode: %w", op, err)
	}
	return nil
}

// close releases the client's idle connections.
func (c *Client) close() { c.http.CloseIdleConnections() }
