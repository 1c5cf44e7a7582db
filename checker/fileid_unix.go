//go:build unix

package checker

import (
	"io/fs"
	"syscall"
)

// sysFileID is a file's device and inode, from os.Stat.
func sysFileID(info fs.FileInfo) (any, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return nil, false
	}
	return [2]uint64{uint64(st.Dev), uint64(st.Ino)}, true
}
