package workorder

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// formView is the data of the filing form, for residents (new) and staff
// (entry): first the category picker, then the category's form.
type formView struct {
	Staff    bool
	Property bool
	Action   string
	JS       string
	// The picker: the tree's groups with their leaves.
	Groups []pickerGroup
	// The form: the chosen category (effective) and its path.
	Category    *Category
	Path        string
	HandlerName string
	Urgencies   []Urgency
	Channels    []Channel
	Streets     []StreetPlace
	Map         PlaceMap
	Grids       []org.Grid
	Values      map[string]string
	Multi       map[string]map[string]bool
	Errors      map[string]string
	SubmitKey   string
	MaxPhotos   int
	MaxDescLen  int
}

// pickerGroup is a top-level category with the leaves below it.
type pickerGroup struct {
	Category
	Leaves []Category
}

// newFormView builds the form for the category in the query, or the
// picker when there is none (or it is not a leaf).
func (h *Handlers) newFormView(ctx context.Context, r *http.Request, staff bool) (formView, error) {
	v := formView{Staff: staff, Property: r.URL.Query().Get("form") == "property", JS: h.js(),
		Values: map[string]string{}, Multi: map[string]map[string]bool{}, Errors: map[string]string{},
		SubmitKey: newSubmitKey(), MaxPhotos: h.svc.Limits.Photos, MaxDescLen: h.svc.Limits.DescriptionRunes}
	tree, err := h.svc.CurrentTree(ctx, h.district)
	if err != nil {
		return v, err
	}
	code := r.URL.Query().Get("category")
	if c, ok := tree.Effective(code); ok && tree.IsLeaf(code) && (!v.Property || c.Property) {
		v.Category, v.Path, v.Urgencies = &c, strings.Join(tree.Path(code), " / "), c.UrgencyChoices()
		v.HandlerName = HandlerName(c.Handler)
	} else {
		v.Groups = pickerGroups(tree, v.Property)
	}
	if staff {
		v.Channels = StaffChannels
	}
	v.Values["community"] = r.URL.Query().Get("community")
	v.Streets, err = h.svc.Gazetteer(ctx, h.district)
	if err != nil {
		return v, err
	}
	v.Map = newPlaceMap(h.svc.Area, v.Streets)
	return v, h.loadGrids(ctx, &v)
}

// loadGrids lists the chosen community's grids for staff.
func (h *Handlers) loadGrids(ctx context.Context, v *formView) error {
	if !v.Staff || v.Values["community"] == "" {
		return nil
	}
	gs, err := h.svc.Places.Grids(ctx, h.district, v.Values["community"])
	if apperr.CodeOf(err) == apperr.CodeInvalid || apperr.CodeOf(err) == apperr.CodeNotFound {
		return nil // a bad community is reported by the service
	}
	v.Grids = gs
	return err
}

// pickerGroups lists the roots with their leaves (property kinds only for
// the property form).
func pickerGroups(t *Tree, property bool) []pickerGroup {
	var out []pickerGroup
	leaves := t.Leaves(property)
	for _, root := range t.Children("") {
		g := pickerGroup{Category: root}
		for _, l := range leaves {
			if p := t.Path(l.Code); len(p) > 0 && p[0] == root.Name {
				g.Leaves = append(g.Leaves, l)
			}
		}
		if len(g.Leaves) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// newSubmitKey is the idempotency key a form carries: a double click
// files one order.
func newSubmitKey() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// formFields are the plain inputs of the form, kept to show it again.
var formFields = []string{"description", "urgency", "lat", "lng", "address", "community", "grid", "channel",
	"requester_name", "requester_phone", "external_ref", "submit_key"}

// readFileForm reads the posted form into a FileInput for the category,
// keeping the raw values in v.
func readFileForm(r *http.Request, v *formView, limit int64) (FileInput, error) {
	f, err := web.ReadForm(r)
	if err != nil {
		return FileInput{}, err
	}
	for _, k := range formFields {
		v.Values[k] = f.Value(k)
	}
	v.SubmitKey = v.Values["submit_key"]
	in := FileInput{Category: v.Category.Code, Description: f.Value("description"), Urgency: Urgency(f.Value("urgency")),
		Address: f.Value("address"), Community: f.Value("community"), Grid: f.Value("grid"),
		Channel: Channel(f.Value("channel")), ExternalRef: f.Value("external_ref"), IdempotencyKey: v.SubmitKey,
		Requester: RequesterInput{Name: f.Value("requester_name"), Phone: f.Value("requester_phone"),
			Anonymous: f.Bool("anonymous")}, Fields: map[string]any{}}
	if v.Property {
		in.Channel = ChannelProperty
	}
	if in.Requester.Anonymous {
		v.Values["anonymous"] = "on"
	}
	in.Lat, in.Lng = parseCoord(f.Value("lat")), parseCoord(f.Value("lng"))
	for _, fd := range v.Category.Fields {
		name := "f." + fd.Key
		if fd.Type == FieldMulti {
			list := r.PostForm[name]
			v.Multi[fd.Key] = map[string]bool{}
			for _, k := range list {
				v.Multi[fd.Key][k] = true
			}
			in.Fields[fd.Key] = list
			continue
		}
		v.Values[name] = f.Value(name)
		in.Fields[fd.Key] = f.Value(name)
	}
	in.Photos, err = readPhotos(r, limit)
	return in, err
}

// parseCoord reads a coordinate; an unreadable one is NaN, which the
// service refuses as an invalid position.
func parseCoord(s string) *float64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		x = math.NaN()
	}
	return &x
}

// readPhotos reads the chosen photos. A file over the limit is not read
// (the service could not tell its size otherwise without keeping it).
func readPhotos(r *http.Request, limit int64) ([]PhotoUpload, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	var out []PhotoUpload
	for _, fh := range r.MultipartForm.File["photos"] {
		if fh.Filename == "" && fh.Size == 0 {
			continue
		}
		if fh.Size > limit {
			v := newViolations()
			v.add("photos", ReasonTooLarge, "每张照片不能超过"+itoa(int(limit>>20))+"MB")
			return nil, v.err()
		}
		file, err := fh.Open()
		if err != nil {
			return nil, apperr.Invalid("photos", "照片无法读取，请重新选择")
		}
		data, err := files.ReadLimited("photos", io.Reader(file), limit)
		file.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, PhotoUpload{Name: fh.Filename, Data: data})
	}
	return out, nil
}
