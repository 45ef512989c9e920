// Package web is Shanzhi's HTTP kernel: the router modules register their
// pages and JSON API operations on, the middleware every request passes
// through (request id, request log, metrics, recover, security headers,
// sessions, CSRF, Idempotency-Key), the HTML renderer with the resident and
// console shells, the JSON helpers and the OpenAPI document built from the
// registered operations.
//
// It imports no domain package: sessions and API keys reach it through the
// SessionSource and APIKeySource interfaces that the identity module adapts
// to.
//
// Registering routes:
//
//	rt.Page("GET /workorders/{id}", h.show)             // HTML; session resolved, CSRF checked on writes
//	rt.Page("POST /workorders", h.create, web.SignedIn) // anonymous visitors go to the login page
//	rt.API(web.Op{Method: "GET", Path: "/workorders/{id}", OperationID: "getWorkOrder",
//		Summary: "查看工单", Tags: []string{"工单"}, Auth: true,
//		Responses: map[int]web.Response{200: {Description: "工单", Body: WorkOrder{}}}}, h.apiShow)
//
// Handlers read the caller with ActorFrom (nil when anonymous), answer JSON
// with WriteJSON/WriteError and pages with Renderer.Render/Renderer.Error;
// errors carry apperr codes, mapped to statuses in one place (StatusOf).
//
// Pages: each module hands NewRenderer an fs.FS of templates (see Renderer
// for the contract); a page's top-level body picks the shell
// ({{template "console" .}}, "resident" by default, or "bare") and it
// defines the blocks "title" and "content". Templates execute with a View:
// .Data (the page's data), .Actor, .CSRF, .RequestID, .Path, .Site, .Nav.
package web
