package catalog

import "time"

// State is the state of one version of an item.
type State string

// The version states. An item's status uses the same words: draft until
// first published, published while offered, withdrawn once taken off.
const (
	StateDraft     State = "draft"
	StatePublished State = "published"
	StateWithdrawn State = "withdrawn"
)

var stateNames = map[State]string{StateDraft: "草稿", StatePublished: "已发布", StateWithdrawn: "已撤回"}

// Name is the state's Chinese name.
func (s State) Name() string { return nameOr(stateNames, s) }

// Version is one version of an item's guide. Applications keep the number
// of the version they were filed under.
type Version struct {
	ImplCode      string    `json:"impl_code"`
	District      string    `json:"district"`
	Number        int       `json:"version"`
	State         State     `json:"state"`
	EffectiveFrom time.Time `json:"effective_from"` // zero for drafts
	CreatedAt     time.Time `json:"created_at"`
	CreatedBy     int64     `json:"created_by"`
	PublishedAt   time.Time `json:"published_at"`
	PublishedBy   int64     `json:"published_by"`
	Item          Item      `json:"item"`
}

// Summary is one item of a staff list: the item's latest version, without
// the guide's body.
type Summary struct {
	ImplCode     string   `json:"impl_code"`
	Name         string   `json:"name"`
	Type         ItemType `json:"type"`
	Department   string   `json:"department"`
	Levels       []Level  `json:"levels"`
	Online       bool     `json:"online"`
	Visits       int      `json:"visits"`
	Status       State    `json:"status"`  // the item's status
	Version      int      `json:"version"` // latest version number
	VersionState State    `json:"version_state"`
}
