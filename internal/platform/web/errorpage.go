package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// ErrorPage is the data of the Chinese error page.
type ErrorPage struct {
	Status  int
	Title   string
	Message string
	// SignIn offers the login link (401).
	SignIn bool
}

// Error answers err as the Chinese error page with the status of its code
// (see StatusOf). An anonymous visitor asking for a page that needs sign-in
// (401 on GET) is redirected to the login page instead. Internal errors
// show a generic message and the request id; the error goes to the log.
func (rd *Renderer) Error(w http.ResponseWriter, r *http.Request, err error) {
	status := StatusOf(err)
	if status == http.StatusUnauthorized && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		http.Redirect(w, r, LoginPathFor(r.URL.Path)+"?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	if status >= 500 {
		logError(r, err)
	}
	_, msg, _ := publicParts(err)
	rd.ErrorStatus(w, r, status, msg)
}

// ErrorStatus answers the Chinese error page of status with message (the
// status's standard message when empty).
func (rd *Renderer) ErrorStatus(w http.ResponseWriter, r *http.Request, status int, message string) {
	if message == "" {
		message = defaultMessage(status)
	}
	title := rd.text("error." + strconv.Itoa(status) + ".title")
	if title == "error."+strconv.Itoa(status)+".title" {
		title = rd.text("error.title")
	}
	data := ErrorPage{Status: status, Title: title, Message: message, SignIn: status == http.StatusUnauthorized}
	if err := rd.execute(w, rd.errPage, rd.view(r, status, data)); err != nil {
		// The error page itself failed: answer in plain words.
		logError(r, err)
		http.Error(w, title+"："+message+"（请求编号 "+RequestID(r.Context())+"）", status)
	}
}

// LoginPathFor is the sign-in page for a page path: staff console pages
// sign in with a password at ConsoleLoginPath, everything else by SMS at
// LoginPath.
func LoginPathFor(path string) string {
	if path == "/console" || strings.HasPrefix(path, "/console/") {
		return ConsoleLoginPath
	}
	return LoginPath
}
