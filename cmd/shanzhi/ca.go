package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/app"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/seal"
)

// runCA runs the district CA for electronic licence seals, as the system
// of SHANZHI_DISTRICT:
//
//	shanzhi ca init                       make the district root CA, print its certificate
//	shanzhi ca issue-dept CODE            give a department its seal key and certificate
//	shanzhi ca rotate CODE                replace a department's key (old seals stay valid)
//	shanzhi ca revoke KEYID --reason R [--since RFC3339]
func runCA(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		return errUsage
	}
	switch args[0] {
	case "init":
		return caInit(ctx, args[1:], out)
	case "issue-dept", "rotate":
		if len(args) != 2 {
			return errUsage
		}
		return caDept(ctx, args[0], args[1], out)
	case "revoke":
		return caRevoke(ctx, args[1:], out)
	}
	return errUsage
}

// withSeal opens the database and the seal service with the data keys.
func withSeal(ctx context.Context, fn func(app.Config, *seal.Service) error) error {
	return withDB(ctx, func(cfg app.Config, d *db.DB) error {
		keys, err := gm.ParseKeyring(cfg.DataKeys)
		if err != nil {
			return fmt.Errorf("SHANZHI_DATA_KEYS: %w", err)
		}
		s, err := seal.New(d, keys)
		if err != nil {
			return err
		}
		return fn(cfg, s)
	})
}

func caInit(ctx context.Context, args []string, out io.Writer) error {
	if len(args) != 0 {
		return errUsage
	}
	return withSeal(ctx, func(cfg app.Config, s *seal.Service) error {
		root, err := s.InitRoot(ctx, authz.System(cfg.District), cfg.District)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(out, "created root CA %s for %s, serial %s\n%s", root.Subject, root.District,
			root.Serial, root.CertPEM)
		return err
	})
}

func caDept(ctx context.Context, verb, code string, out io.Writer) error {
	return withSeal(ctx, func(cfg app.Config, s *seal.Service) error {
		issue := s.IssueDept
		if verb == "rotate" {
			issue = s.Rotate
		}
		k, err := issue(ctx, authz.System(cfg.District), code)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(out, "issued key %s for %s, certificate serial %s, valid until %s\n%s", k.ID, k.DeptCode,
			k.Serial, k.NotAfter.Format(time.DateOnly), k.CertPEM)
		return err
	})
}

func caRevoke(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("ca revoke", flag.ContinueOnError)
	reason := fs.String("reason", "", "key_compromise | affiliation_changed | superseded | cessation_of_operation")
	since := fs.String("since", "", "when the key stopped being trusted (RFC 3339); default now")
	if len(args) == 0 || fs.Parse(args[1:]) != nil || fs.NArg() != 0 {
		return errUsage
	}
	r := seal.Revocation{KeyID: args[0], Reason: *reason}
	if *since != "" {
		t, err := time.Parse(time.RFC3339, *since)
		if err != nil {
			return fmt.Errorf("--since: %w", err)
		}
		r.Since = t.UTC()
	}
	return withSeal(ctx, func(cfg app.Config, s *seal.Service) error {
		k, err := s.Revoke(ctx, authz.System(cfg.District), r)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(out, "revoked key %s of %s (serial %s) from %s: %s\n", k.ID, k.DeptCode, k.Serial,
			k.RevokedSince.Format(time.RFC3339), k.Reason)
		return err
	})
}
