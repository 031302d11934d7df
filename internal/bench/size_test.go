package bench

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/errgen/errgen/generated/trace"
	"github.com/errgen/errgen/generated/trendtrack"
)

// TestErrorSize checks that the *Error Parse allocates for a code without
// typed fields stays in the 160-byte size class on 64-bit platforms: the
// unexported fields that fit in the padding after Inferred are there
// (internal/gogen's errorType), and the retry delay's duration is the one
// field after Body. A field added or moved carelessly makes every Parse
// allocate a size class more, which only this test would show.
func TestErrorSize(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("the size classes below are those of 64-bit platforms")
	}
	for _, tt := range []struct {
		name string
		typ  reflect.Type
		size uintptr
	}{
		{"trace", reflect.TypeFor[trace.Error](), unsafe.Sizeof(trace.Error{})},
		{"trendtrack", reflect.TypeFor[trendtrack.Error](), unsafe.Sizeof(trendtrack.Error{})},
	} {
		if tt.size > 160 {
			for i := range tt.typ.NumField() {
				f := tt.typ.Field(i)
				t.Logf("%s.Error.%s: offset %d, size %d", tt.name, f.Name, f.Offset, f.Type.Size())
			}
			t.Errorf("%s.Error is %d bytes, want at most 160", tt.name, tt.size)
		}
	}
}
