package org

import (
	"context"
	"testing"
)

// BenchmarkImportDivisionsQixia measures a re-import of Qixia: reading and
// filtering the embedded lists, comparing with the stored rows and one
// audited transaction.
func BenchmarkImportDivisionsQixia(b *testing.B) {
	ctx := context.Background()
	d := openDB(b)
	if _, err := ImportDivisions(ctx, d, QixiaCode, EmbeddedSource()); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := ImportDivisions(ctx, d, QixiaCode, EmbeddedSource()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadPlanQixia measures the file part alone.
func BenchmarkLoadPlanQixia(b *testing.B) {
	for b.Loop() {
		if _, err := loadPlan(EmbeddedSource(), QixiaCode); err != nil {
			b.Fatal(err)
		}
	}
}
