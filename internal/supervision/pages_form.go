package supervision

import (
	"io"
	"net/http"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// readVisit reads the posted visit form into a VisitInput, keeping the
// raw values to show the form again.
func readVisit(r *http.Request, t Task, values map[string]string) (VisitInput, error) {
	f, err := web.ReadForm(r)
	if err != nil {
		return VisitInput{}, err
	}
	var in VisitInput
	for i := range t.Checklist {
		name := "check." + strconv.Itoa(i)
		values[name] = f.Value(name)
		switch f.Value(name) {
		case "pass":
			in.Checks = append(in.Checks, true)
		case "fail":
			in.Checks = append(in.Checks, false)
		}
	}
	for _, k := range []string{"findings", "lat", "lng", "outcome", "rectify_by"} {
		values[k] = f.Value(k)
	}
	in.Findings = f.Multiline("findings", "检查情况", maxFindingsRunes, false)
	in.Outcome, in.RectifyBy = f.Value("outcome"), f.Value("rectify_by")
	var e1, e2 error
	in.Lat, e1 = strconv.ParseFloat(f.Value("lat"), 64)
	in.Lng, e2 = strconv.ParseFloat(f.Value("lng"), 64)
	if e1 != nil || e2 != nil {
		return in, apperr.Invalid("position", "请先定位（或填写经纬度）再提交")
	}
	if err := f.Err(); err != nil {
		return in, err
	}
	in.Uploads, err = readPhotos(r)
	return in, err
}

// readPhotos reads the chosen photo files.
func readPhotos(r *http.Request) ([]PhotoUpload, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	var out []PhotoUpload
	for _, fh := range r.MultipartForm.File["photos"] {
		if fh.Filename == "" {
			continue
		}
		if fh.Size > maxPhotoBytes || len(out) >= maxPhotos {
			return nil, apperr.Invalid("photos", "现场照片最多9张，每张不超过20MB")
		}
		file, err := fh.Open()
		if err != nil {
			return nil, apperr.Invalid("photos", "照片无法读取，请重新选择")
		}
		data, err := files.ReadLimited("photos", io.Reader(file), maxPhotoBytes)
		file.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, PhotoUpload{Name: fh.Filename, Data: data})
	}
	return out, nil
}
