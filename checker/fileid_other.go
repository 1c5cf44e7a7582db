//go:build !unix

package checker

import "io/fs"

// sysFileID gives no identity where the platform's FileInfo has none: loops of
// links are then bounded by depth.
func sysFileID(fs.FileInfo) (any, bool) { return nil, false }
