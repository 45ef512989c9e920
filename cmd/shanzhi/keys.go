package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"

	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// runKeys prints a fresh set of secrets in shell syntax.
func runKeys(_ context.Context, _ []string, out io.Writer) error {
	s, err := newSecrets()
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "SHANZHI_DATA_KEYS=%s\nSHANZHI_INDEX_KEYS=%s\nSHANZHI_SECRET=%s\n",
		s.dataKeys, s.indexKeys, s.secret)
	return err
}

type secrets struct{ dataKeys, indexKeys, secret string }

// newSecrets generates an SM4 data key, a blind-index key and a signing
// secret, each labelled with a dated key id so a later rotation can add one.
func newSecrets() (secrets, error) {
	data, err := gm.GenerateKey()
	if err != nil {
		return secrets{}, err
	}
	index := make([]byte, 32)
	secret := make([]byte, 32)
	if _, err := rand.Read(index); err != nil {
		return secrets{}, err
	}
	if _, err := rand.Read(secret); err != nil {
		return secrets{}, err
	}
	return secrets{
		dataKeys:  gm.FormatKeySpec("d1", data),
		indexKeys: gm.FormatKeySpec("i1", index),
		secret:    base64.StdEncoding.EncodeToString(secret),
	}, nil
}
