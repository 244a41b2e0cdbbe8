//go:build !unix

package sqlite

// writable reports whether this process may create files in dir; outside
// Unix it is taken to be so.
func writable(string) bool { return true }
