package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/shanzhi-gov/shanzhi/internal/app"
	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// runAdmin handles "admin create": a staff account made by the system actor,
// typically the first administrator of a new deployment.
func runAdmin(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errUsage
	}
	cfg, err := app.ConfigFromEnv()
	if err != nil {
		return err
	}
	in, err := parseStaffFlags(args[1:], cfg.District)
	if err != nil {
		return err
	}
	a, err := app.Open(ctx, cfg, app.Deps{Log: app.NewLogger(os.Stderr, cfg.LogLevel), Console: out})
	if err != nil {
		return err
	}
	defer a.Close()
	id, err := a.Identity.Bootstrap(ctx, in)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "created staff account %d (%s)\n", id, in.Username)
	return err
}

// parseStaffFlags reads the account's fields from the command line.
func parseStaffFlags(args []string, defaultDistrict string) (identity.StaffInput, error) {
	fs := flag.NewFlagSet("admin create", flag.ContinueOnError)
	var in identity.StaffInput
	var role, scope string
	fs.StringVar(&in.District, "district", defaultDistrict, "district code")
	fs.StringVar(&in.Username, "username", "", "login name")
	fs.StringVar(&in.Password, "password", "", "initial password (10+ characters, two classes)")
	fs.StringVar(&in.DisplayName, "name", "", "display name")
	fs.StringVar(&in.Phone, "phone", "", "mobile number for the welcome SMS")
	fs.StringVar(&role, "role", string(authz.RoleAdmin), "role")
	fs.StringVar(&scope, "scope", "", "scope as kind:code, e.g. district:320113")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || in.Username == "" || in.Password == "" {
		return in, errUsage
	}
	if scope == "" {
		scope = "district:" + in.District
	}
	sc, ok := authz.ParseScope(scope)
	if !ok || !authz.Role(role).Valid() {
		return in, fmt.Errorf("admin create: bad --role %q or --scope %q", role, scope)
	}
	in.Grants = []authz.Grant{{Role: authz.Role(role), Scope: sc}}
	return in, nil
}
