//go:build !unix

package checker

import "errors"

func mkfifo(string) error { return errors.New("no FIFOs on this platform") }
