package files

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// File describes a stored document.
type File struct {
	ID        string    `json:"id"`
	District  string    `json:"district"`
	Owner     int64     `json:"owner"` // the account that uploaded it
	Name      string    `json:"name"`  // the name it was uploaded with
	Kind      Kind      `json:"kind"`
	Size      int64     `json:"size"`
	SM3       string    `json:"sm3"` // digest of the plain content, for evidence
	CreatedAt time.Time `json:"created_at"`
}

// Store keeps files in the database.
type Store struct {
	db   *db.DB
	keys *gm.Keyring
}

// New returns a store over d that encrypts with keys.
func New(d *db.DB, keys *gm.Keyring) *Store { return &Store{db: d, keys: keys} }

// maxNameLen bounds a file name as shown back to people.
const maxNameLen = 100

// Put checks and stores data inside tx (so a file exists only if what refers
// to it was written too) and returns its description.
func (s *Store) Put(ctx context.Context, tx *db.Tx, f File, data []byte, allowed ...Kind) (File, error) {
	if int64(len(data)) > MaxSize {
		return File{}, apperr.TooLarge("file", "文件不能超过"+humanMB(MaxSize))
	}
	kind, err := Expect("file", data, f.Name, allowed...)
	if err != nil {
		return File{}, err
	}
	f.Kind, f.Size, f.SM3, f.CreatedAt = kind, int64(len(data)), gm.SM3Hex(data), tx.Now()
	f.Name = cleanName(f.Name, kind)
	if f.ID, err = newID(); err != nil {
		return File{}, err
	}
	sealed, err := s.keys.Encrypt(aad(f.ID), data)
	if err != nil {
		return File{}, fmt.Errorf("files: encrypt: %w", err)
	}
	_, err = tx.Exec(ctx, `INSERT INTO files (id, district_code, owner_id, name, kind, size, sm3, data, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, f.ID, f.District, f.Owner, f.Name, f.Kind, f.Size, f.SM3, sealed, f.CreatedAt)
	if err != nil {
		return File{}, fmt.Errorf("files: put: %w", err)
	}
	return f, nil
}

// Stat returns a file's description without its content.
func (s *Store) Stat(ctx context.Context, id string) (File, error) {
	f, _, err := s.load(ctx, id, false)
	return f, err
}

// Open returns a file and its decrypted content.
func (s *Store) Open(ctx context.Context, id string) (File, []byte, error) {
	return s.load(ctx, id, true)
}

func (s *Store) load(ctx context.Context, id string, content bool) (File, []byte, error) {
	var f File
	var sealed string
	col := "''"
	if content {
		col = "data"
	}
	err := s.db.QueryRow(ctx, `SELECT id, district_code, owner_id, name, kind, size, sm3, created_at, `+col+`
		FROM files WHERE id = ?`, id).Scan(&f.ID, &f.District, &f.Owner, &f.Name, &f.Kind, &f.Size, &f.SM3, &f.CreatedAt, &sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return File{}, nil, apperr.NotFound("文件不存在")
	}
	if err != nil {
		return File{}, nil, fmt.Errorf("files: open: %w", err)
	}
	if !content {
		return f, nil, nil
	}
	data, err := s.keys.Decrypt(aad(f.ID), sealed)
	if err != nil {
		return File{}, nil, fmt.Errorf("files: decrypt %s: %w", f.ID, err)
	}
	return f, data, nil
}

// aad binds a file's ciphertext to its id, so content cannot be swapped
// between rows unnoticed.
func aad(id string) string { return "files:" + id }

// newID returns a random 128-bit id: file ids appear in links and must not
// be guessable.
func newID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("files: id: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// cleanName keeps a readable, bounded name; an empty one is named after the
// kind.
func cleanName(name string, k Kind) string {
	if !utf8.ValidString(name) || name == "" {
		return "文件." + string(k)
	}
	r := []rune(name)
	if len(r) > maxNameLen {
		r = r[len(r)-maxNameLen:]
	}
	return string(r)
}
