// Package dist builds vet's release archives (`make dist`, through cmd/vet-dist): for each
// platform a vet binary with the chart script inlined, packed with the README, the examples and
// the licences of everything the binary and its pages carry, as vet_<version>_<os>_<arch>.tar.gz
// (.zip for Windows), and a SHA256SUMS beside them.
//
// The archives are reproducible: two builds of one commit give the same bytes. The binary is
// built with -trimpath, without the VCS stamp (-buildvcs=false: the version and commit are set
// with -ldflags -X instead, so a copy of the tree without .git builds the same binary) and with
// the platform's variables fixed (CGO_ENABLED=0, GOAMD64=v1, GOARM64=v8.0, GOFLAGS=-mod=readonly,
// which also sets aside a GOFLAGS of the go env file); every entry has the commit's time (or
// SOURCE_DATE_EPOCH), uid and gid 0 and no owner name, entries are sorted, and the gzip header
// carries no name and no time. The same Go toolchain is needed for the same bytes: go.mod pins it.
//
// Before it builds anything it checks the chart script and its licence files against the
// checksums templates/echarts.version pins, as the Makefile's assets target does when it fetches
// them: a release never ships a page without charts or a script nobody checked.
package dist
