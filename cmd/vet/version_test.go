package main

import "testing"

// TestStamp: what -ldflags set wins; without it a test binary (which Go stamps with neither a
// module version nor a VCS revision) says "devel" and "unknown" rather than make them up. The
// release binary's own `vet version` is checked by internal/dist's release test.
func TestStamp(t *testing.T) {
	defer func(v, c string) { version, commit = v, c }(version, commit)
	for _, tc := range []struct {
		name, version, commit string
		want                  buildStamp
	}{
		{"the version and commit -ldflags set are said as they are", "0.3.1", "f84b29b90c8859ec4bbc9589745e725cd9f996ca",
			buildStamp{Version: "0.3.1", Commit: "f84b29b90c8859ec4bbc9589745e725cd9f996ca"}},
		{"a tag's leading v is dropped, as in the archives' names", "v0.3.1-0.20261204193703-2de8750d174b", "2de8750d174b",
			buildStamp{Version: "0.3.1-0.20261204193703-2de8750d174b", Commit: "2de8750d174b"}},
		{"a build nothing stamped says devel and unknown", "", "", buildStamp{Version: "devel", Commit: "unknown"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			version, commit = tc.version, tc.commit
			if got := stamp(); got != tc.want {
				t.Errorf("stamp() = %+v, want %+v", got, tc.want)
			}
		})
	}
}
