//go:build !unix

package cli

import "testing"

// mkfifo skips the test: FIFOs are a Unix thing.
func mkfifo(t *testing.T, _ string) {
	t.Skip("no FIFOs on this system")
}

func mkdevice(string) bool { return false }
