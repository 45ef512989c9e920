package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strings"
	"sync"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web/openapi"
)

// assets holds the base templates and static files, served from the binary.
//
//go:embed templates static
var assets embed.FS

// assetVersions maps each embedded static file's URL to a short hash of its
// content, so pages can link it with ?v= and browsers cache it for long.
var assetVersions = sync.OnceValue(func() map[string]string {
	out := map[string]string{}
	_ = fs.WalkDir(assets, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assets.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out["/"+p] = hex.EncodeToString(sum[:6])
		return nil
	})
	return out
})

// assetURL returns the versioned URL of an embedded static file.
func assetURL(p string) string {
	if v, ok := assetVersions()[p]; ok {
		return p + "?v=" + v
	}
	return p
}

// Static serves fsys under prefix ("/static/echarts/"): files only, no
// directory listings. Versioned URLs (?v=) are cached for a year.
func (rt *Router) Static(prefix string, fsys fs.FS) {
	files := http.StripPrefix(prefix, http.FileServerFS(fsys))
	rt.Handle("GET "+prefix, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			rt.fail(w, r, errNoRoute)
			return
		}
		if r.URL.Query().Get("v") != "" {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "public, max-age=3600")
		}
		files.ServeHTTP(w, r)
	}))
}

// builtins registers the routes every deployment has.
func (rt *Router) builtins() {
	rt.Handle("GET /healthz", http.HandlerFunc(rt.healthz))
	rt.Handle("GET /readyz", http.HandlerFunc(rt.readyz))
	rt.Handle("GET /metrics", rt.metrics.Handler())
	own, _ := fs.Sub(assets, "static")
	rt.Static("/static/", own)
	rt.API(Op{Method: http.MethodGet, Path: "/openapi.json", OperationID: "getOpenAPI",
		Summary: "获取 OpenAPI 文档", Tags: []string{"系统"},
		Description: "本 API 的 OpenAPI 3.1 描述，由已注册的接口自动生成。",
		Responses: map[int]Response{200: {Description: "OpenAPI 3.1 文档",
			Body: openapi.Schema{"type": "object"}}}}, rt.serveOpenAPI)
}
