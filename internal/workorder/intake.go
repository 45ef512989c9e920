package workorder

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

// FileInput is a request to file, from any channel.
type FileInput struct {
	// Channel: residents h5 (default) or property; staff one of
	// StaffChannels (required); API keys their key's channel ("" is fine).
	Channel  Channel `json:"channel,omitempty"`
	Category string  `json:"category"`
	// Urgency is one the category offers; "" is normal.
	Urgency     Urgency        `json:"urgency,omitempty"`
	Description string         `json:"description"`
	Fields      map[string]any `json:"fields,omitempty"`
	// Lat and Lng are a position (WGS-84) inside the district, both or
	// neither.
	Lat     *float64 `json:"lat,omitempty"`
	Lng     *float64 `json:"lng,omitempty"`
	Address string   `json:"address,omitempty"`
	// Community, when given, wins over the guess from the position or the
	// address. Grid (staff and keys only) must be one of its grids; the
	// community's first grid otherwise.
	Community string         `json:"community,omitempty"`
	Grid      string         `json:"grid,omitempty"`
	Requester RequesterInput `json:"requester"`
	// ExternalRef is the sending system's own number (staff and keys).
	ExternalRef string `json:"external_ref,omitempty"`
	// PhotoIDs cite photos uploaded ahead with UploadPhoto.
	PhotoIDs []string `json:"photos,omitempty"`
	// Photos are sent with the request (the pages' multipart forms).
	Photos []PhotoUpload `json:"-"`
	// IdempotencyKey makes a repeated submission return the first order.
	IdempotencyKey string `json:"-"`
}

// RequesterInput is who asks. Residents filing for themselves may leave
// it empty (their account is the requester) or give a contact phone.
type RequesterInput struct {
	Name  string `json:"name,omitempty"`
	Phone string `json:"phone,omitempty"`
	// Anonymous hides the requester from every handler.
	Anonymous bool `json:"anonymous,omitempty"`
}

// PhotoUpload is a photo's bytes as sent.
type PhotoUpload struct {
	Name string
	Data []byte
}

// Lengths of an order's short texts.
const (
	maxAddressRunes = 200
	maxPersonRunes  = 20
	maxRefRunes     = 64
)

// caller is who files: a resident for themselves, staff for someone, or
// another system through an API key.
type caller int

const (
	byResident caller = iota
	byStaff
	byKey
)

// checkText validates a free text: required, within max runes, no control
// characters other than line breaks.
func checkText(v *violations, field, label, s string, max int, required bool) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "" && required:
		v.add(field, ReasonRequired, "请填写"+label)
	case !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t'
	}):
		v.add(field, ReasonInvalid, label+"含有不允许的字符")
	case utf8.RuneCountInString(s) > max:
		v.add(field, ReasonTooLong, label+"不能超过"+itoa(max)+"个字")
	}
	return s
}

// checkChannel settles the channel for the caller.
func checkChannel(v *violations, who caller, in Channel, key *APIKey) Channel {
	switch who {
	case byResident:
		if in == "" {
			return ChannelH5
		}
		if in != ChannelH5 && in != ChannelProperty {
			v.add("channel", ReasonNotAllowed, "居民只能通过线上提交或物业报事提交诉求")
		}
	case byStaff:
		if in == "" {
			v.add("channel", ReasonRequired, "请选择诉求来源渠道")
		} else if !slices.Contains(StaffChannels, in) {
			v.add("channel", ReasonNotAllowed, "代为登记的渠道应为热线、大走访、网格上报、指挥中心或物业报事")
		}
	case byKey:
		if in != "" && in != key.Channel {
			v.add("channel", ReasonNotAllowed, "该API密钥只能提交「"+key.Channel.Name()+"」渠道的诉求")
		}
		return key.Channel
	}
	return in
}

// checkRequester validates the requester's name and phone; hotline calls
// must leave a number to call back.
func checkRequester(v *violations, who caller, ch Channel, in RequesterInput) RequesterInput {
	out := RequesterInput{Anonymous: in.Anonymous}
	out.Name = checkText(v, "requester.name", "诉求人姓名", in.Name, maxPersonRunes, false)
	phone := strings.TrimSpace(in.Phone)
	switch {
	case phone == "" && who == byStaff && (ch == ChannelHotline || ch == ChannelHotline2):
		v.add("requester.phone", ReasonRequired, "热线来电请填写来电号码")
	case phone != "":
		p, err := check.Phone(phone)
		if err != nil {
			p, err = check.Landline(phone)
		}
		if err != nil {
			v.add("requester.phone", ReasonInvalid, "联系电话应为11位手机号码或带区号的固定电话")
		}
		out.Phone = p
	}
	return out
}

// checkPhotos validates the photos sent with the request: count, size and
// kind by their first bytes (JPEG or PNG only).
func (s *Service) checkPhotos(v *violations, in FileInput) {
	if len(in.Photos)+len(in.PhotoIDs) > s.Limits.Photos {
		v.add("photos", ReasonTooMany, "照片最多"+itoa(s.Limits.Photos)+"张")
		return
	}
	for _, p := range in.Photos {
		if r, msg := s.photoProblem(p.Data); r != "" {
			v.add("photos", r, msg)
			return
		}
	}
}

// itoa writes an int.
func itoa(n int) string { return strconv.Itoa(n) }
