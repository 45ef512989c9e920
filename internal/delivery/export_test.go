package delivery

import "time"

// The workers as River runs them, for the tests outside the package.

// NewShipWorker returns the ship worker of s.
func NewShipWorker(s *Service) *ShipWorker { return &ShipWorker{s: s} }

// NewTrackWorker returns the tracking worker of s.
func NewTrackWorker(s *Service) *TrackWorker { return &TrackWorker{s: s} }

// chinaTimeNow is a fixed "now" for validating ID numbers in fuzz tests.
var chinaTimeNow = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)
