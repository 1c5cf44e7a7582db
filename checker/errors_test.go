package checker

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
)

// TestWalkErrors: every wrapped error in order, one behind a pointer once however
// many paths lead to it, and nothing below an error the visitor stops at; a slice
// of errors (policy.Errors) is no map key and is walked all the same.
func TestWalkErrors(t *testing.T) {
	a := &FileError{File: "a.yaml", Line: 1, Err: errors.New("first")}
	b := &FileError{File: "b.yaml", Line: 2, Err: errors.New("second")}
	pe := &PolicyError{File: "p.rego", Line: 3, Err: errors.New("third")}
	err := errors.Join(
		fmt.Errorf("load profiles: %w", &ValidationError{File: "a.yaml", Problems: []*FileError{a, b}}),
		fmt.Errorf("again: %w", a),
		PolicyErrors{pe},
	)
	var got []string
	WalkErrors(err, func(e error) bool {
		switch x := e.(type) {
		case *FileError:
			got = append(got, "file "+x.File)
			return false // its Err is not visited
		case *PolicyError:
			got = append(got, "policy "+x.File)
		case *ValidationError:
			got = append(got, "validation "+x.File)
		}
		return true
	})
	want := []string{"validation a.yaml", "file a.yaml", "file b.yaml", "policy p.rego"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("visited %q, want %q", got, want)
	}
}
